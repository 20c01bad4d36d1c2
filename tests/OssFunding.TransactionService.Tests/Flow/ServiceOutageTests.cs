using System.Net;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Transactions;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>The service going away delays nothing already signed: execution and confirmation read only the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ServiceOutageTests(DevnetWorlds devnet)
{
    [Fact]
    public async Task A_transaction_ready_to_execute_executes_and_confirms_while_the_service_is_down()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141);
        var world = worker.World;
        using var wallet = new ServiceCalls(worker.Fake.BaseUrl, ServiceHarness.ApiKey);
        await worker.ImportAsync(Samples.One("first", Samples.FFmpeg, "LPT", "25"));
        var draft = await worker.DraftAsync();
        await worker.Sync.RunAsync(CancellationToken.None);
        foreach (var owner in world.Owners.Take(3))
        {
            Assert.Equal(HttpStatusCode.Created, (await wallet.ConfirmAsync(draft.SafeTxHash, Owners.EthSign(owner, draft.SafeTxHash))).Status);
        }

        Assert.Equal(3, (await worker.Sync.RunAsync(CancellationToken.None)).Imported);
        Assert.Equal(TransactionStatus.ReadyToExecute, (await worker.ViewAsync(draft.SafeTxHash)).Status);

        await worker.Fake.StopAsync();
        // Nothing is left to ask the service about a transaction that has its signatures: the run does not call it
        // (it would fail with Unavailable if it did).
        Assert.Equal(ServiceSyncRun.Nothing, await worker.Sync.RunAsync(CancellationToken.None));

        await worker.ExecuteAsOutsiderAsync(draft.SafeTxHash);
        await worker.SyncChainAsync();
        await worker.MineAsync(ServiceHarness.Confirmations);
        Assert.Equal(1, (await worker.SyncChainAsync()).Confirmed);
        Assert.Equal(TransactionStatus.Confirmed, (await worker.ViewAsync(draft.SafeTxHash)).Status);
        Assert.Equal(["first=Paid"], await worker.AllocationStatusesAsync());

        // A new draft needs the queue's nonces: it waits for the service instead of guessing, and writes nothing.
        await worker.ImportAsync(Samples.One("second", Samples.Pydantic, "USDC", "10"));
        var waiting = await Assert.ThrowsAsync<TransactionServiceException>(() => worker.Get<Drafter>().DraftAsync(CancellationToken.None));
        Assert.Equal(ServiceFailure.Unavailable, waiting.Failure);
        Assert.Equal(1, await worker.CountAsync("SELECT COUNT(*) FROM safe_transactions"));

        await worker.Fake.RestartAsync();
        Assert.Equal(ServiceSyncRun.Nothing, await worker.Sync.RunAsync(CancellationToken.None));
        var next = await worker.DraftAsync();
        Assert.Equal(1, next.Nonce);
        Assert.Equal(1, (await worker.Sync.RunAsync(CancellationToken.None)).Proposed);
        Assert.True(worker.Fake.Knows(next.SafeTxHash));
    }
}
