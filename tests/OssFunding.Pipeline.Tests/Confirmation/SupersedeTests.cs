using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// Another transaction uses the draft's nonce first: Superseded, redrafted at the next nonce, paid exactly once. SPEC
/// §2 invariant 2 (never lose a payment): the allocation is not lost with the superseded draft.
/// </summary>
public sealed class SupersedeTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task A_draft_whose_nonce_is_used_by_an_outside_transaction_is_superseded_and_its_allocation_redrafted(SafeVersion version)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, version);
        await RunSupersedeAsync(pipeline);
    }

    internal static async Task RunSupersedeAsync(PipelineHarness pipeline)
    {
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.One("grant", Samples.FFmpeg, "LPT", "100"));
        var first = await pipeline.DraftAsync();
        Assert.Equal(0, first.Nonce);

        // Owners pay someone else at nonce 0 without the worker: an unplanned outflow that uses the draft's nonce.
        var stranger = TestAddresses.Recipient(77);
        var outside = SafeTransaction.WithoutRefund(
            PaymentBatchEncoder.Encode([new Payment(world.Lpt.Address, stranger, world.Lpt.ToBaseUnits(5m))], world.Contracts.MultiSendCallOnly), 0);
        var outsideReceipt = await pipeline.ExecuteWithoutWorkerAsync(outside);
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.AwaitingSignatures, (await pipeline.ViewAsync(first.SafeTxHash)).Status); // not final yet

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var run = await pipeline.SyncAsync();
        Assert.Equal((1, 1), (run.Superseded, run.UnplannedOutflows));
        var superseded = await pipeline.ViewAsync(first.SafeTxHash);
        Assert.Equal(TransactionStatus.Superseded, superseded.Status);
        Assert.Contains("another transaction used nonce 0", superseded.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["grant=Approved"], await pipeline.AllocationStatusesAsync());
        var outflow = Assert.Single(await pipeline.Notices.ListAsync(true, null, 10, CancellationToken.None), n => n.Kind == NoticeKind.UnplannedOutflow);
        Assert.Equal(outsideReceipt.TransactionHash.ToLowerInvariant(), outflow.Payload["txHash"]!.GetValue<string>());
        Assert.Contains("5 LPT", outflow.Payload["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM unplanned_outflows WHERE to_address = @stranger", new { stranger }));

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
        Assert.Equal(TransactionStatus.Superseded, (await pipeline.ViewAsync(first.SafeTxHash)).Status);
        Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM unplanned_outflows"));
    }
}
