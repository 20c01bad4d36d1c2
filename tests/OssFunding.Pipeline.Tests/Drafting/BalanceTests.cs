using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Drafting;

/// <summary>Payments the Safe cannot cover are held with one LowBalance alert; the rest are drafted; nonces follow each other.</summary>
public sealed class BalanceTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    private static readonly Dictionary<string, string?> RoomySettings = new()
    {
        ["Budget:Cycles:0:Caps:projects:LPT"] = "2000000",
        ["Drafting:MaxLiveTransactions"] = "3",
    };

    [Fact]
    public async Task Insufficient_balance_holds_that_tokens_payments_alerts_once_and_drafts_them_once_funded()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, RoomySettings);
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.Header +
            $"a-big,2025-05,FFmpeg,projects,{Samples.FFmpeg},LPT,6000,https://forum.example/t/1,more than the Safe holds\n" +
            $"b-small,2025-06,OpenCV,projects,{Samples.OpenCv},LPT,10,https://forum.example/t/2,after the big one\n" +
            $"c-usdc,2025-06,pydantic,projects,{Samples.Pydantic},USDC,100,https://forum.example/t/2,fits\n");

        var first = await pipeline.Drafter.DraftAsync(CancellationToken.None);
        Assert.Equal(DraftResult.Drafted, first.Result);
        Assert.Equal(["c-usdc"], first.Transaction!.Payments.Select(p => p.AllocationId));
        Assert.Equal(0, first.Transaction.Operation);
        var held = Assert.Single(first.Held);
        Assert.Equal(("LPT", "6010", "5000", "5000", "0"), (held.Token, held.Needed, held.Available, held.Balance, held.ReservedByLiveTransactions));
        Assert.Equal(["a-big", "b-small"], held.AllocationIds);
        Assert.Contains("need 6010 LPT, only 5000 available", first.Reason, StringComparison.Ordinal);

        var second = await pipeline.Drafter.DraftAsync(CancellationToken.None);
        Assert.Equal(DraftResult.Held, second.Result);
        Assert.Equal(["a-big=Approved", "b-small=Approved", "c-usdc=Queued"], await pipeline.AllocationStatusesAsync());
        var lowBalance = (await pipeline.Notices.ListAsync(true, null, 10, CancellationToken.None)).Where(n => n.Kind == NoticeKind.LowBalance).ToList();
        Assert.Single(lowBalance);

        await world.MintAsync(world.Lpt, world.SafeAddress, world.Lpt.ToBaseUnits(2000m));
        var third = await pipeline.Drafter.DraftAsync(CancellationToken.None);
        Assert.Equal(DraftResult.Drafted, third.Result);
        Assert.Equal(1L, third.Transaction!.Nonce);
        Assert.Equal(["a-big", "b-small"], third.Transaction.Payments.Select(p => p.AllocationId));
        Assert.Empty(third.Held);
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM alert_conditions"));
    }

    [Fact]
    public async Task Drafting_stops_at_the_live_limit_and_splits_a_month_over_consecutive_nonces()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V130, new Dictionary<string, string?>
        {
            ["Drafting:MaxLiveTransactions"] = "2",
            ["Drafting:MaxPaymentsPerTransaction"] = "2",
        });
        await pipeline.ImportAsync(Samples.Month);

        var nonces = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            var tx = await pipeline.DraftAsync();
            Assert.Equal(2, tx.Payments.Count);
            nonces.Add(tx.Nonce);
        }

        var limited = await pipeline.Drafter.DraftAsync(CancellationToken.None);
        Assert.Equal(DraftResult.LiveLimitReached, limited.Result);
        Assert.Contains("Drafting:MaxLiveTransactions is 2", limited.Reason, StringComparison.Ordinal);
        Assert.Equal([0L, 1L], nonces);
    }

    [Fact]
    public async Task Allocations_of_later_months_are_not_due()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141,
            now: new DateTimeOffset(2025, 4, 30, 23, 59, 0, TimeSpan.Zero));
        await pipeline.ImportAsync(Samples.Month);

        var outcome = await pipeline.Drafter.DraftAsync(CancellationToken.None);

        Assert.Equal(DraftResult.NothingDue, outcome.Result);
        Assert.Equal("No approved allocation of 2025-04 or earlier is waiting to be paid.", outcome.Reason);
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM safe_transactions"));
    }
}
