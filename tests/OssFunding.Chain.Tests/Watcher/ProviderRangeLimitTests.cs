using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Chain.Watcher;
using OssFunding.Safe.MultiSend;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>
/// First sync against a provider's limits (issue 12 item 3): the range grows past <c>Chain:MaxBlockRange</c> to what the
/// provider accepts, shrinks on its refusals however it words them, and the Safe's nonce is checked once per window of
/// ranges, the checkpoint moving only over a checked window.
/// </summary>
public sealed class ProviderRangeLimitTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";
    private const int Blocks = 600;
    private const int ProviderLimit = 80;

    public static TheoryData<FaultKind> Refusals => new() { FaultKind.AlchemyRangeLimit, FaultKind.QuickNodeHttp413, FaultKind.RethRangeLimit };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task The_range_grows_to_what_the_provider_accepts_and_the_mirror_is_complete(FaultKind refusal)
    {
        await using var bed = await ChainTestbed.StartAsync();
        var first = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));
        await bed.Chain.Rpc.MineAsync(Blocks / 2);
        var second = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 2));
        await bed.Chain.Rpc.MineAsync(Blocks / 2);
        bed.Proxy.Inject(refusal, RpcMethods.GetLogs, when: FaultProxy.LogRangeWiderThan(ProviderLimit));
        bed.Proxy.ResetCounts();
        var watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange) = (10, 100_000));

        var result = await watcher.PollAsync(CancellationToken.None);
        var nonceReads = bed.Proxy.Count(RpcMethods.GetStorageAt);

        Assert.Equal(await bed.HeadAsync(), result.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, first, second);
        Assert.InRange(watcher.RangeSize, 11, ProviderLimit);
        // 60 ranges at the configured 10 blocks; growing to the provider's 80 needs a fraction of them.
        Assert.True(result.Ranges < Blocks / 10 / 3, $"{result.Ranges} ranges");
        // One nonce read per window of ranges (and the first window's start unless it is block 0), not one per range.
        Assert.InRange(nonceReads, Windows(result.Ranges), 1 + Windows(result.Ranges));
        Assert.True(Windows(result.Ranges) <= result.Ranges / 2, $"{result.Ranges} ranges");
    }

    [Fact]
    public async Task A_rate_limit_worded_with_the_result_limit_code_is_retried_not_taken_for_a_refusal()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(50);
        bed.Proxy.Inject(FaultKind.InfuraRateLimit, RpcMethods.GetLogs, times: 1);
        var watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange) = (1000, 1000));

        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(await bed.HeadAsync(), result.Position.Checkpoint);
        Assert.Equal(1000, watcher.RangeSize);
        Assert.Equal(1, result.Ranges);
    }

    [Fact]
    public async Task Logs_missing_an_execution_in_one_range_of_a_window_keep_the_checkpoint_before_the_window()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.NewWatcher().PollAsync(CancellationToken.None);
        var checkpoint = await bed.CheckpointAsync();
        var events = await bed.CountAsync("chain_safe_events");
        // Ranges of 10 blocks; the payment in the third range of the poll, the window of ranges 2..3.
        await bed.Chain.Rpc.MineAsync(25);
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));
        await bed.Chain.Rpc.MineAsync(40);
        var (lagging, covers) = (FaultProxy.LogsOf(bed.World.SafeAddress), FaultProxy.LogRangeCovers(paid.BlockNumber));
        bed.Proxy.Inject(FaultKind.EmptyLogs, RpcMethods.GetLogs, when: request => lagging(request) && covers(request));
        var watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange) = (10, 10));

        var error = await Assert.ThrowsAsync<InconsistentRangeException>(() => watcher.PollAsync(CancellationToken.None));

        Assert.True(error.FromBlock < paid.BlockNumber && paid.BlockNumber <= error.ToBlock, error.Message);
        Assert.True(error.ToBlock - error.FromBlock + 1 > 10, $"window {error.FromBlock}..{error.ToBlock} is one range");
        var stopped = await bed.CheckpointAsync();
        Assert.Equal(error.FromBlock - 1, stopped.Number);
        Assert.True(stopped.Number > checkpoint.Number, "the windows before the bad one were written");
        Assert.Equal(events, await bed.CountAsync("chain_safe_events"));

        bed.Proxy.ClearFaults();
        var healed = await watcher.PollAsync(CancellationToken.None);
        Assert.Equal(await bed.HeadAsync(), healed.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, paid);
    }

    /// <summary>Windows of 1, 2, 4 … up to <see cref="ChainWatcher.MaxRangesPerWindow"/> ranges holding <paramref name="ranges"/>.</summary>
    private static int Windows(int ranges)
    {
        var (windows, size) = (0, 1);
        for (var left = ranges; left > 0; left -= size, size = Math.Min(ChainWatcher.MaxRangesPerWindow, size * 2))
        {
            windows++;
        }

        return windows;
    }
}
