using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// A reorg that removes the execution before final depth undoes it; the payment is recorded only once final. SPEC §2
/// invariant 3 (chain is the truth).
/// </summary>
public sealed class ReorgTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task An_execution_reorged_out_before_final_depth_is_undone_and_paid_only_once_final_on_the_canonical_chain(SafeVersion version)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, version);
        await RunReorgAsync(pipeline);
    }

    internal static async Task RunReorgAsync(PipelineHarness pipeline)
    {
        await pipeline.ImportAsync(Samples.One("grant", Samples.OpenCv, "LPT", "42.5"));
        var tx = await pipeline.DraftAsync();
        foreach (var owner in pipeline.World.Owners.Take(3))
        {
            await pipeline.Signer.SignAndSubmitAsync(tx.SafeTxHash, owner.PrivateKey, CancellationToken.None);
        }

        var firstExecution = await pipeline.ExecuteAsOutsiderAsync(tx.SafeTxHash);
        await pipeline.MineAsync(1);
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.Executed, (await pipeline.ViewAsync(tx.SafeTxHash)).Status);

        // Two blocks (the execution and the one on top) are replaced by empty ones, below final depth (5).
        await pipeline.World.Chain.Rpc.ReorgAsync(2);
        await pipeline.SyncAsync();
        var undone = await pipeline.ViewAsync(tx.SafeTxHash);
        Assert.Equal(TransactionStatus.ReadyToExecute, undone.Status);
        Assert.Null(undone.ExecutionTxHash);
        Assert.Equal(0, await pipeline.CountTransfersAsync(pipeline.World.Lpt.Address, Samples.OpenCv));
        Assert.Contains(await pipeline.Notices.ListAsync(true, tx.SafeTxHash, 10, CancellationToken.None), n => n.Kind == NoticeKind.ReorgUndone);

        await pipeline.MineAsync(PipelineHarness.Confirmations + 1);
        await pipeline.SyncAsync();
        Assert.Equal(["grant=Queued"], await pipeline.AllocationStatusesAsync());
        Assert.Empty(await pipeline.Queries.ListPaymentsAsync(null, CancellationToken.None));

        // The same signed transaction executes again on the canonical chain and becomes final there.
        var secondExecution = await pipeline.ExecuteAsOutsiderAsync(tx.SafeTxHash);
        Assert.NotEqual(firstExecution.BlockHash, secondExecution.BlockHash);
        await pipeline.SyncAsync();
        await pipeline.MineAsync(PipelineHarness.Confirmations);
        await pipeline.SyncAsync();
        Assert.Equal(["grant=Paid"], await pipeline.AllocationStatusesAsync());
        var payment = Assert.Single(await pipeline.Queries.ListPaymentsAsync(null, CancellationToken.None));
        Assert.Equal((secondExecution.TransactionHash.ToLowerInvariant(), (long)secondExecution.BlockNumber.Value),
            (payment.TxHash, payment.BlockNumber));
        Assert.Equal(1, await pipeline.CountTransfersAsync(pipeline.World.Lpt.Address, Samples.OpenCv));
    }
}
