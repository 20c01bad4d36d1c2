using OssFunding.Chain.Watcher;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// SPEC §2 invariant 1 (never pay twice) and §5 (positive evidence): a live transaction whose nonce the Safe has passed is
/// Superseded only once the execution that used the nonce is in the mirror. A mirror with a gap there (a node that
/// answered logs it did not have, a mirror written before ranges were checked) holds the transaction: allocations stay
/// Queued, one NonceWithoutExecution alert, and the block where the nonce moved is read again, after which the
/// evidence is there and the transaction is Superseded.
/// </summary>
public sealed class PositiveEvidenceTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task A_nonce_passed_with_no_mirrored_execution_keeps_the_allocations_queued_alerts_once_and_rescans()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var draft = await pipeline.DraftAsync();
        var outside = SafeTransaction.WithoutRefund(
            PaymentBatchEncoder.Encode([new Payment(world.Lpt.Address, TestAddresses.Recipient(77), world.Lpt.ToBaseUnits(5m))],
                world.Contracts.MultiSendCallOnly), 0);
        var receipt = await pipeline.ExecuteWithoutWorkerAsync(outside);
        await pipeline.MineAsync(PipelineHarness.Confirmations);

        // The mirror loses the outside execution's Safe events after the watcher passed them: the gap a lagging node leaves.
        await pipeline.Get<ChainWatcher>().PollAsync(CancellationToken.None);
        await pipeline.ExecuteSqlAsync("DELETE FROM chain_safe_events WHERE tx_hash = @tx", new { tx = receipt.TransactionHash.ToLowerInvariant() });
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM chain_safe_events WHERE tx_hash = @tx", new { tx = receipt.TransactionHash.ToLowerInvariant() }));

        var held = await pipeline.Get<Confirmer>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (held.Superseded, held.HeldWithoutEvidence));
        var view = await pipeline.ViewAsync(draft.SafeTxHash);
        Assert.Equal(TransactionStatus.AwaitingSignatures, view.Status);
        Assert.Contains("no execution that used nonce 0 is mirrored", view.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["grant=Queued"], await pipeline.AllocationStatusesAsync());
        Assert.Single(await pipeline.Notices.ListAsync(true, null, 50, CancellationToken.None), n => n.Kind == NoticeKind.NonceWithoutExecution);
        // The rescan read the block where the nonce moved again: the execution is back in the mirror.
        Assert.True(await pipeline.CountAsync("SELECT COUNT(*) FROM chain_safe_events WHERE tx_hash = @tx", new { tx = receipt.TransactionHash.ToLowerInvariant() }) > 0);

        var superseded = await pipeline.Get<Confirmer>().RunAsync(CancellationToken.None);
        Assert.Equal(1, superseded.Superseded);
        Assert.Equal(TransactionStatus.Superseded, (await pipeline.ViewAsync(draft.SafeTxHash)).Status);
        Assert.Contains(receipt.TransactionHash.ToLowerInvariant(), (await pipeline.ViewAsync(draft.SafeTxHash)).StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["grant=Approved"], await pipeline.AllocationStatusesAsync());
        Assert.Single(await pipeline.Notices.ListAsync(true, null, 50, CancellationToken.None), n => n.Kind == NoticeKind.NonceWithoutExecution);
    }
}
