using System.Net;
using OssFunding.Pipeline.Cancellation;
using OssFunding.Pipeline.Transactions;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>
/// Operator cancel in Signing:Mode=TransactionService (SPEC §5): a draft not yet proposed is cancelled at once; once the
/// service has it, anyone may sign it in Safe{Wallet}, so the rejection is proposed there, confirmed by the owners as
/// Safe{Wallet} posts confirmations, executed, and only then is the original Cancelled.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class OperatorCancelServiceTests(DevnetWorlds devnet)
{
    [Fact]
    public async Task An_unproposed_draft_is_cancelled_at_once_and_a_proposed_one_through_a_rejection_proposed_to_the_service()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141);
        var world = worker.World;
        using var wallet = new ServiceCalls(worker.Fake.BaseUrl, ServiceHarness.ApiKey);
        await worker.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "10"));
        var draft = await worker.DraftAsync();

        var atOnce = await CancelAsync(worker, draft.SafeTxHash);
        Assert.Equal(CancelResult.Cancelled, atOnce.Result);
        Assert.Equal(new ServiceSyncRun(0, 0, 0), await worker.Sync.RunAsync(CancellationToken.None)); // a cancelled draft is never proposed
        Assert.False(worker.Fake.Knows(draft.SafeTxHash));

        // Drafted again (the same transaction), proposed: the service shows it to every owner now.
        var again = await worker.DraftAsync();
        Assert.Equal((draft.SafeTxHash, TransactionStatus.Drafted), (again.SafeTxHash, again.Status));
        Assert.Equal(1, (await worker.Sync.RunAsync(CancellationToken.None)).Proposed);
        Assert.True(worker.Fake.Knows(draft.SafeTxHash));

        var outcome = await CancelAsync(worker, draft.SafeTxHash);
        Assert.Equal(CancelResult.RejectionDrafted, outcome.Result);
        var rejection = outcome.Rejection!;
        Assert.Equal((TransactionStatus.Drafted, draft.Nonce), (rejection.Status, rejection.Nonce));
        Assert.Equal(new ServiceSyncRun(1, 0, 0), await worker.Sync.RunAsync(CancellationToken.None)); // the rejection only
        Assert.True(worker.Fake.Knows(rejection.SafeTxHash));
        Assert.Equal(TransactionStatus.AwaitingSignatures, (await worker.ViewAsync(rejection.SafeTxHash)).Status);
        Assert.Equal(TransactionStatus.Cancelling, (await worker.ViewAsync(draft.SafeTxHash)).Status);

        foreach (var owner in world.Owners.Take(3))
        {
            Assert.Equal(HttpStatusCode.Created,
                (await wallet.ConfirmAsync(rejection.SafeTxHash, Owners.SignTypedData(owner, rejection.TypedData.ToJsonString()))).Status);
        }

        Assert.Equal(3, (await worker.Sync.RunAsync(CancellationToken.None)).Imported);
        Assert.Equal(TransactionStatus.ReadyToExecute, (await worker.ViewAsync(rejection.SafeTxHash)).Status);
        await worker.ExecuteAsOutsiderAsync(rejection.SafeTxHash);
        await worker.SyncChainAsync();
        await worker.MineAsync(ServiceHarness.Confirmations);
        var final = await worker.SyncChainAsync();
        Assert.Equal((1, 1), (final.Cancelled, final.Confirmed));
        Assert.Equal(TransactionStatus.Cancelled, (await worker.ViewAsync(draft.SafeTxHash)).Status);
        Assert.Equal(["solo=Approved"], await worker.AllocationStatusesAsync());
    }

    private static Task<CancelOutcome> CancelAsync(ServiceHarness worker, string safeTxHash) =>
        worker.Get<OperatorCancel>().CancelAsync(safeTxHash, false, CancellationToken.None);
}
