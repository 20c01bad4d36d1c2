using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// An ExecutionFailure of a live transaction: Failed at final depth, its allocations back to Approved. SPEC §2
/// invariant 2 (never lose a payment): a failed execution hands its allocations back.
/// </summary>
public sealed class ExecutionFailureTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task An_execution_failure_marks_the_transaction_failed_at_final_depth_and_returns_its_allocations(SafeVersion version)
    {
        // The worker drafts safeTxGas = 0, so its own transactions revert instead of failing (GS013). A transaction with
        // safeTxGas > 0 for more LPT than the Safe holds is what produces ExecutionFailure; it is put in the ledger as drafts are.
        await using var pipeline = await PipelineHarness.StartAsync(devnet, version,
            new Dictionary<string, string?> { ["Budget:Cycles:0:Caps:projects:LPT"] = "2000000" });
        await pipeline.ImportAsync(Samples.One("too-big", Samples.ComfyUi, "LPT", "1000000"));
        var held = await pipeline.Drafter.DraftAsync(CancellationToken.None);
        Assert.Equal(DraftResult.Held, held.Result);

        var built = pipeline.Get<PaymentBatchBuilder>().Build([new LedgerPayment("LPT", Samples.ComfyUi, 1_000_000m)], 0);
        var call = built.Transaction.Call;
        var withGas = new SafeTransaction(call.To, 0, call.Data, call.Operation, 200_000, 0, 0, EthAddress.Zero, EthAddress.Zero, 0);
        var domain = pipeline.Get<PaymentBatchBuilder>().Domain;
        var failing = new BuiltTransaction(withGas, SafeTxHasher.Hash(domain, withGas), SafeTxTypedData.ToJson(domain, withGas));
        await pipeline.Database.WriteAsync(async (_, transaction) =>
        {
            Assert.Equal(1, await DraftLedger.QueueAsync(transaction, ["too-big"]));
            var owners = pipeline.World.Owners.Select(o => o.Address).ToList();
            await DraftLedger.InsertAsync(transaction,
                new NewTransaction(failing, pipeline.World.SafeAddress, pipeline.World.Chain.ChainId, TransactionStatus.AwaitingSignatures, version.ToVersionString(), 3, owners),
                [new DueAllocation("too-big", "2025-06", "Project too-big", Samples.ComfyUi, "LPT", 1_000_000m, pipeline.World.Lpt.ToBaseUnits(1_000_000m))],
                pipeline.Clock.GetUtcNow());
            await transaction.CommitAsync();
            return true;
        }, CancellationToken.None);

        var receipt = await pipeline.ExecuteWithoutWorkerAsync(withGas);
        await pipeline.SyncAsync();
        var seen = await pipeline.ViewAsync(failing.SafeTxHash);
        // Two owners approved on chain (the executing owner's approval is implied); the failure is not final yet.
        Assert.Equal((TransactionStatus.AwaitingSignatures, 2), (seen.Status, seen.Signatures.Count));
        Assert.Equal(["too-big=Queued"], await pipeline.AllocationStatusesAsync());

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var run = await pipeline.SyncAsync();
        Assert.Equal(1, run.Failed);
        var failed = await pipeline.ViewAsync(failing.SafeTxHash);
        Assert.Equal(TransactionStatus.Failed, failed.Status);
        Assert.Equal(receipt.TransactionHash.ToLowerInvariant(), failed.ExecutionTxHash);
        Assert.Contains("ExecutionFailure", failed.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["too-big=Approved"], await pipeline.AllocationStatusesAsync());
        Assert.Contains(await pipeline.Notices.ListAsync(false, failing.SafeTxHash, 10, CancellationToken.None), n => n.Kind == NoticeKind.TxFailed);
        Assert.Empty(await pipeline.Queries.ListPaymentsAsync(null, CancellationToken.None));
    }
}
