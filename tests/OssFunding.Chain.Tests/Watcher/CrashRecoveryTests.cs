using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.MultiSend;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>A watcher stopped at any call (the in-process equivalent of SIGKILL) loses and duplicates nothing.</summary>
public sealed class CrashRecoveryTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    [Fact]
    public async Task Watchers_abandoned_at_every_call_of_a_multi_range_poll_converge_with_no_duplicates()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var executed = new List<SafeExecutionReceipt>();
        for (var i = 1; i <= 4; i++)
        {
            executed.Add(await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, i)));
            await bed.Chain.Rpc.MineAsync(9);
        }

        var head = await bed.HeadAsync();
        var stops = 0;
        for (var stopAt = 2; ; stopAt++)
        {
            // A fresh process each time: it resumes from what the previous ones committed, and dies at call stopAt.
            using var kill = new CancellationTokenSource();
            var calls = 0;
            bed.Proxy.OnRequest = _ =>
            {
                if (++calls == stopAt)
                {
                    kill.Cancel();
                }
            };
            try
            {
                var finished = await bed.NewWatcher(options => options.MaxBlockRange = 8).PollAsync(kill.Token);
                if (finished.Position.Checkpoint == head)
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                stops++;
            }

            Assert.True(stopAt < 200, "the watchers never converged");
        }

        Assert.True(stops >= 5, $"only {stops} interrupted polls");
        bed.Proxy.OnRequest = null;
        Assert.Equal(head, (await bed.CheckpointAsync()).Number);
        await MirrorAssert.HoldsExactlyAsync(bed, [.. executed]);
        // Per execution: two approveHash, SafeMultiSigTransaction and ExecutionSuccess, plus the Safe's setup log.
        Assert.Equal(4 * 4 + 1, await bed.CountAsync("chain_safe_events"));
        Assert.True((await bed.NewWatcher().PollAsync(CancellationToken.None)).Idle);
    }

    [Fact]
    public async Task A_poll_stopped_between_ranges_keeps_the_ranges_already_written()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(100);
        using var kill = new CancellationTokenSource();
        var logQueries = 0;
        bed.Proxy.OnRequest = method =>
        {
            // Two log queries per range: the 8th is the second one of the 4th range, whose first one already answered.
            if (method == RpcMethods.GetLogs && ++logQueries == 8)
            {
                kill.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange, options.StartBlock) = (10, 10, 1))
                .PollAsync(kill.Token));

        // Windows of one range (1..10), two (11..30), then four: the kill in the fourth range keeps 1..30.
        Assert.Equal(30, (await bed.CheckpointAsync()).Number);
    }
}
