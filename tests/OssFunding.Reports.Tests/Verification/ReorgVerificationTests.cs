using OssFunding.Reports.Tests.Support;
using OssFunding.Reports.Verification;

namespace OssFunding.Reports.Tests.Verification;

/// <summary>
/// Reorgs the chain for good (anvil cannot revert a snapshot across anvil_reorg), so it runs on a devnet of its own.
/// </summary>
public sealed class ReorgVerificationTests(ReportsWorld world) : IClassFixture<ReportsWorld>
{
    private static readonly ReportPeriod January = ReportPeriod.Parse("2025-01");

    [Fact]
    public async Task A_reorg_that_removes_the_payment_block_fails_every_payment_in_it()
    {
        await using var host = await world.StartHostAsync();
        var head = (long)await world.World.Chain.Rpc.BlockNumberAsync();
        await world.World.Chain.Rpc.ReorgAsync((int)(head - world.PaymentBlock + 1));

        var result = await host.Get<VerificationRunner>().VerifyMonthAsync(January, CancellationToken.None);

        Assert.Equal(11, result.Mismatches);
        Assert.All(result.Verdicts, v => Assert.Contains(v.Problems, p => p.Contains("reorged away", StringComparison.Ordinal)));
        Assert.All(result.Verdicts, v => Assert.Contains(v.Problems, p => p.Contains("is not on the chain", StringComparison.Ordinal)));
    }
}
