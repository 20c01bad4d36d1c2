using OssFunding.TestSupport.Receivers;
using System.Diagnostics;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Notifications.Tests.Delivery;

/// <summary>A receiver that never answers does not delay a payment: the real pipeline drafts, collects signatures, executes and confirms while the delivery hangs.</summary>
[Collection(DevnetCollection.Name)]
public sealed class PipelineIsolationTests(DevnetSafe devnet) : IAsyncLifetime
{
    private LoopbackReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_payment_is_drafted_signed_executed_and_confirmed_while_the_webhook_never_answers()
    {
        await using var pipeline = await DevnetPipeline.StartAsync(devnet, new Dictionary<string, string?>
        {
            ["Notifications:Webhook:Url"] = receiver.BaseUrl + "/hook",
            ["Notifications:Webhook:Secret"] = "isolation-secret",
            ["Notifications:Delivery:RetriesWithinAttempt"] = "0",
            ["Notifications:Delivery:RequestTimeout"] = "00:00:20",
            ["Notifications:Delivery:AttemptTimeout"] = "00:00:20",
        });
        receiver.Answer = _ => null;
        var watch = Stopwatch.StartNew();
        var draft = await pipeline.DraftAsync();
        var delivering = pipeline.Dispatcher.RunAsync(CancellationToken.None);
        await receiver.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));

        for (var owner = 0; owner < 3; owner++)
        {
            await pipeline.SignAsync(draft.SafeTxHash, owner);
        }

        await pipeline.ExecuteAsync(draft.SafeTxHash);
        await pipeline.SyncAsync();
        await devnet.World.Chain.Rpc.MineAsync(DevnetPipeline.Confirmations);
        await pipeline.SyncAsync();

        Assert.Equal(TransactionStatus.Confirmed, (await pipeline.ViewAsync(draft.SafeTxHash)).Status);
        Assert.False(delivering.IsCompleted, $"the delivery finished before the payment was confirmed ({watch.Elapsed})");
        var run = await delivering;
        Assert.Equal((0, 1), (run.Delivered, run.Retrying)); // the TxPending webhook timed out and waits for a retry
    }
}
