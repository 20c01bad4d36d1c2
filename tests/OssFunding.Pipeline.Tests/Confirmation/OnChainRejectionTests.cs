using System.Numerics;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// The owners cancel a draft the way Safe{Wallet} does, by executing an empty transaction to the Safe itself at its nonce:
/// Cancelled (not Superseded), redrafted at the next nonce, paid exactly once.
/// </summary>
public sealed class OnChainRejectionTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task A_draft_whose_nonce_is_used_by_an_on_chain_rejection_is_cancelled_and_its_allocation_redrafted(SafeVersion version)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, version);
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var first = await pipeline.DraftAsync();
        Assert.Equal(0, first.Nonce);

        var rejection = SafeTransaction.WithoutRefund(new SafeCall(world.SafeAddress, BigInteger.Zero, Array.Empty<byte>(), SafeOperation.Call), 0);
        var rejectionHash = SafeTxHasher.Hash(new SafeDomain(world.Chain.ChainId, world.SafeAddress), rejection).SafeTxHashHex;
        var receipt = await pipeline.ExecuteWithoutWorkerAsync(rejection);
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.AwaitingSignatures, (await pipeline.ViewAsync(first.SafeTxHash)).Status); // not final yet

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var run = await pipeline.SyncAsync();
        Assert.Equal((1, 0, 0), (run.Cancelled, run.Superseded, run.UnplannedOutflows));
        var cancelled = await pipeline.ViewAsync(first.SafeTxHash);
        Assert.Equal(TransactionStatus.Cancelled, cancelled.Status);
        Assert.Contains("Rejected on chain", cancelled.StatusReason, StringComparison.Ordinal);
        Assert.Contains(rejectionHash, cancelled.StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(receipt.TransactionHash, cancelled.StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["grant=Approved"], await pipeline.AllocationStatusesAsync());
        var notice = Assert.Single(await pipeline.Notices.ListAsync(false, first.SafeTxHash, 20, CancellationToken.None),
            n => n.Kind == NoticeKind.TxSuperseded);
        Assert.Contains("Rejected on chain", notice.Payload["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Cancelled", notice.Payload["status"]!.GetValue<string>());

        var again = await pipeline.SyncAsync();
        Assert.False(again.HasChanges);

        var second = await pipeline.DraftAsync();
        Assert.Equal(1, second.Nonce);
        Assert.Equal(["grant"], second.Payments.Select(p => p.AllocationId));
        foreach (var owner in world.Owners.Take(3))
        {
            await pipeline.Signer.SignAndSubmitAsync(second.SafeTxHash, owner.PrivateKey, CancellationToken.None);
        }

        await pipeline.ExecuteAsOutsiderAsync(second.SafeTxHash);
        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var final = await pipeline.SyncAsync();
        Assert.Equal((1, 0), (final.Confirmed, final.UnplannedOutflows));
        Assert.Equal(["grant=Paid"], await pipeline.AllocationStatusesAsync());
        Assert.Equal(1, await pipeline.CountTransfersAsync(world.Lpt.Address, Samples.FFmpeg));
        Assert.Equal(TransactionStatus.Cancelled, (await pipeline.ViewAsync(first.SafeTxHash)).Status);
        Assert.Single(await pipeline.Notices.ListAsync(false, first.SafeTxHash, 20, CancellationToken.None), n => n.Kind == NoticeKind.TxSuperseded);
    }
}
