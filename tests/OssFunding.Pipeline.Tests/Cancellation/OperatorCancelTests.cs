using OssFunding.Pipeline.Cancellation;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Cancellation;

/// <summary>
/// Operator cancel on anvil through the pipeline (SPEC §5): a draft nobody saw ends Cancelled at once; one that owners
/// signed is cancelled only by the owners' rejection at its nonce, executed and final; if its own signatures are used
/// first it is paid as usual and the rejection is superseded.
/// </summary>
public sealed class OperatorCancelTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_transaction_is_cancelled_only_when_its_on_chain_rejection_executes(bool cancelAllocations)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await RunSignedCancelAsync(pipeline, cancelAllocations);
    }

    /// <summary>Also run on PostgreSQL by <see cref="Flow.PostgresFlowTests"/>.</summary>
    internal static async Task RunSignedCancelAsync(PipelineHarness pipeline, bool cancelAllocations)
    {
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var original = await pipeline.DraftAsync();
        foreach (var owner in world.Owners.Take(2))
        {
            Assert.True((await pipeline.Signer.SignAndSubmitAsync(original.SafeTxHash, owner.PrivateKey, CancellationToken.None)).IsSuccess);
        }

        var outcome = await CancelAsync(pipeline, original.SafeTxHash, cancelAllocations);
        Assert.Equal((CancelResult.RejectionDrafted, 202), (outcome.Result, outcome.StatusCode));
        var rejection = outcome.Rejection!;
        Assert.Equal((world.SafeAddress, "0", "0x", 0, original.Nonce), (rejection.To, rejection.Value, rejection.Data, rejection.Operation, rejection.Nonce));
        Assert.Equal((TransactionStatus.AwaitingSignatures, original.SafeTxHash, 0), (rejection.Status, rejection.Rejects, rejection.Payments.Count));
        var cancelling = await pipeline.ViewAsync(original.SafeTxHash);
        Assert.Equal((TransactionStatus.Cancelling, rejection.SafeTxHash), (cancelling.Status, cancelling.RejectedBy));
        Assert.Equal(["grant=Queued"], await pipeline.AllocationStatusesAsync()); // its signatures can still execute it
        Assert.Single(await pipeline.Notices.ListAsync(false, rejection.SafeTxHash, 20, CancellationToken.None), n => n.Kind == NoticeKind.TxPending);

        // Cancelling is not collecting, and repeating the cancel returns the same rejection.
        var late = await pipeline.Signer.SignAndSubmitAsync(original.SafeTxHash, world.Owners[2].PrivateKey, CancellationToken.None);
        Assert.Equal(SignatureResult.NotCollecting, late.Result);
        var again = await CancelAsync(pipeline, original.SafeTxHash, cancelAllocations);
        Assert.Equal((CancelResult.AlreadyCancelling, rejection.SafeTxHash), (again.Result, again.Rejection!.SafeTxHash));
        Assert.Equal(409, (await CancelAsync(pipeline, original.SafeTxHash, !cancelAllocations)).StatusCode);
        Assert.Equal("NothingDue", DraftResultOf(await pipeline.Drafter.DraftAsync(CancellationToken.None)));

        foreach (var owner in world.Owners.Skip(2).Take(3))
        {
            Assert.True((await pipeline.Signer.SignAndSubmitAsync(rejection.SafeTxHash, owner.PrivateKey, CancellationToken.None)).IsSuccess);
        }

        Assert.Equal(TransactionStatus.ReadyToExecute, (await pipeline.ViewAsync(rejection.SafeTxHash)).Status);
        await pipeline.ExecuteAsOutsiderAsync(rejection.SafeTxHash);
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.Executed, (await pipeline.ViewAsync(rejection.SafeTxHash)).Status);
        Assert.Equal(TransactionStatus.Cancelling, (await pipeline.ViewAsync(original.SafeTxHash)).Status); // not final yet
        Assert.Equal(["grant=Queued"], await pipeline.AllocationStatusesAsync());

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var run = await pipeline.SyncAsync();
        Assert.Equal((1, 1, 0, 0), (run.Cancelled, run.Confirmed, run.Superseded, run.UnplannedOutflows));
        var cancelled = await pipeline.ViewAsync(original.SafeTxHash);
        Assert.Equal(TransactionStatus.Cancelled, cancelled.Status);
        Assert.Contains(rejection.SafeTxHash, cancelled.StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TransactionStatus.Confirmed, (await pipeline.ViewAsync(rejection.SafeTxHash)).Status);
        Assert.Equal(0, await pipeline.CountTransfersAsync(world.Lpt.Address, Samples.FFmpeg));
        if (cancelAllocations)
        {
            Assert.Equal(["grant=Cancelled"], await pipeline.AllocationStatusesAsync());
            Assert.Equal("NothingDue", DraftResultOf(await pipeline.Drafter.DraftAsync(CancellationToken.None)));
            return;
        }

        Assert.Equal(["grant=Approved"], await pipeline.AllocationStatusesAsync());
        var redrafted = await pipeline.DraftAsync();
        Assert.Equal((1, "grant"), (redrafted.Nonce, redrafted.Payments.Single().AllocationId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_draft_nobody_saw_is_cancelled_at_once(bool cancelAllocations)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var draft = await pipeline.DraftAsync();

        var outcome = await CancelAsync(pipeline, draft.SafeTxHash, cancelAllocations);
        Assert.Equal((CancelResult.Cancelled, 200, TransactionStatus.Cancelled), (outcome.Result, outcome.StatusCode, outcome.Transaction!.Status));
        Assert.Null(outcome.Rejection);
        Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM safe_transactions"));
        Assert.Equal([cancelAllocations ? "grant=Cancelled" : "grant=Approved"], await pipeline.AllocationStatusesAsync());
        Assert.Single(await pipeline.Notices.ListAsync(false, draft.SafeTxHash, 20, CancellationToken.None), n => n.Kind == NoticeKind.TxSuperseded);
        Assert.Equal(CancelResult.AlreadyCancelled, (await CancelAsync(pipeline, draft.SafeTxHash, cancelAllocations)).Result);
        var late = await pipeline.Signer.SignAndSubmitAsync(draft.SafeTxHash, pipeline.World.Owners[0].PrivateKey, CancellationToken.None);
        Assert.Equal(SignatureResult.NotCollecting, late.Result);
        if (!cancelAllocations)
        {
            // The nonce is free again; the same payment at the same nonce is the same Safe transaction, drafted again.
            var redrafted = await pipeline.DraftAsync();
            Assert.Equal((0, draft.SafeTxHash, TransactionStatus.AwaitingSignatures), (redrafted.Nonce, redrafted.SafeTxHash, redrafted.Status));
            Assert.Equal(["grant=Queued"], await pipeline.AllocationStatusesAsync());
        }
    }

    [Fact]
    public async Task A_hash_an_owner_approved_on_chain_counts_as_seen_before_the_watcher_imports_it()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var draft = await pipeline.DraftAsync();
        await pipeline.ApproveOnChainAsync(pipeline.World.Owners[0], draft.SafeTxHash); // no sync: not in the ledger

        var outcome = await CancelAsync(pipeline, draft.SafeTxHash, false);
        Assert.Equal(CancelResult.RejectionDrafted, outcome.Result);
        Assert.Equal(TransactionStatus.Cancelling, (await pipeline.ViewAsync(draft.SafeTxHash)).Status);
    }

    [Fact]
    public async Task When_its_own_signatures_execute_it_first_it_is_paid_and_the_rejection_is_superseded()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var original = await pipeline.DraftAsync();
        foreach (var owner in world.Owners.Take(3))
        {
            await pipeline.Signer.SignAndSubmitAsync(original.SafeTxHash, owner.PrivateKey, CancellationToken.None);
        }

        var rejection = (await CancelAsync(pipeline, original.SafeTxHash, true)).Rejection!;
        await pipeline.ExecuteAsOutsiderAsync(original.SafeTxHash); // anyone holding the signatures can
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.Executed, (await pipeline.ViewAsync(original.SafeTxHash)).Status);

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var run = await pipeline.SyncAsync();
        Assert.Equal((1, 1, 0, 0), (run.Confirmed, run.Superseded, run.Cancelled, run.UnplannedOutflows));
        Assert.Equal(TransactionStatus.Confirmed, (await pipeline.ViewAsync(original.SafeTxHash)).Status);
        Assert.Equal(TransactionStatus.Superseded, (await pipeline.ViewAsync(rejection.SafeTxHash)).Status);
        Assert.Equal(["grant=Paid"], await pipeline.AllocationStatusesAsync());
        Assert.Equal(1, await pipeline.CountTransfersAsync(world.Lpt.Address, Samples.FFmpeg));

        var executed = await CancelAsync(pipeline, original.SafeTxHash, false);
        Assert.Equal((CancelResult.NotCancellable, 409), (executed.Result, executed.StatusCode));
        Assert.Contains("Confirmed", executed.Message, StringComparison.Ordinal);
        Assert.Equal(409, (await CancelAsync(pipeline, rejection.SafeTxHash, false)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_an_executed_transaction_is_refused_and_changes_nothing()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var draft = await pipeline.DraftAsync();
        foreach (var owner in pipeline.World.Owners.Take(3))
        {
            await pipeline.Signer.SignAndSubmitAsync(draft.SafeTxHash, owner.PrivateKey, CancellationToken.None);
        }

        await pipeline.ExecuteAsOutsiderAsync(draft.SafeTxHash);
        var before = await pipeline.ViewAsync(draft.SafeTxHash);

        // Not yet mirrored: the Safe's nonce already says it was used.
        var unmirrored = await CancelAsync(pipeline, draft.SafeTxHash, false);
        Assert.Equal((CancelResult.NotCancellable, 409), (unmirrored.Result, unmirrored.StatusCode));
        Assert.Contains("nonce", unmirrored.Message, StringComparison.Ordinal);

        await pipeline.SyncAsync();
        var executed = await CancelAsync(pipeline, draft.SafeTxHash, true);
        Assert.Equal((CancelResult.NotCancellable, 409), (executed.Result, executed.StatusCode));
        Assert.Contains("is Executed", executed.Message, StringComparison.Ordinal);
        Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM safe_transactions"));
        Assert.Equal(["grant=Queued"], await pipeline.AllocationStatusesAsync());
        Assert.Equal(before.Signatures.Count, (await pipeline.ViewAsync(draft.SafeTxHash)).Signatures.Count);
        Assert.Equal(404, (await CancelAsync(pipeline, "0x" + new string('a', 64), false)).StatusCode);
        Assert.Equal(400, (await CancelAsync(pipeline, "0x1234", false)).StatusCode);
    }

    private static Task<CancelOutcome> CancelAsync(PipelineHarness pipeline, string safeTxHash, bool cancelAllocations) =>
        pipeline.Get<OperatorCancel>().CancelAsync(safeTxHash, cancelAllocations, CancellationToken.None);

    private static string DraftResultOf(OssFunding.Pipeline.Drafting.DraftOutcome outcome) => outcome.Result.ToString();
}
