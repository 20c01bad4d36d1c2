using System.Numerics;
using Dapper;
using Nethereum.Model;
using OssFunding.Pipeline.Execution;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Execution;

/// <summary>
/// A stuck executor transaction gets unstuck (issue "never pay twice", item 9): after <c>Execution:ReplaceAfter</c> it
/// is replaced at the same sender nonce with higher fees, stored before it is broadcast, never above
/// <c>Execution:MaxFeePerGasGwei</c>; the Safe tx executes once. SPEC §2 invariant 1 (never pay twice) and 6 (persist
/// before publish). The base fee is raised under the pending transaction with anvil_setNextBlockBaseFeePerGas.
/// </summary>
public sealed class FeeReplacementTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    private static readonly TimeSpan ReplaceAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_stuck_execution_is_replaced_at_the_same_sender_nonce_with_higher_fees_and_the_safe_tx_executes_once()
    {
        await using var pipeline = await StartAsync("100");
        var tx = await pipeline.DraftSignedByAsync(3);
        var executor = pipeline.Get<Executor>();
        var rpc = pipeline.World.Chain.Rpc;
        await rpc.SetAutomineAsync(false);
        try
        {
            var first = await executor.RunAsync(CancellationToken.None);
            Assert.True(first.Outcome == ExecutorOutcome.Submitted, first.Reason);
            var stuck = await SubmissionAsync(pipeline, first.ExecutionTxHash!);

            // The base fee rises above the pending transaction's max fee: the next block leaves it out.
            await rpc.SetNextBlockBaseFeeAsync(stuck.MaxFeePerGas + 1);
            await pipeline.MineAsync(1);
            Assert.Equal(ExecutorOutcome.AwaitingReceipt, (await executor.RunAsync(CancellationToken.None)).Outcome);
            Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM execution_submissions"));

            pipeline.Clock.Advance(ReplaceAfter);
            var waiting = await executor.RunAsync(CancellationToken.None);
            Assert.Equal(ExecutorOutcome.AwaitingReceipt, waiting.Outcome);
            Assert.NotEqual(first.ExecutionTxHash, waiting.ExecutionTxHash);
            var replacement = await SubmissionAsync(pipeline, waiting.ExecutionTxHash!);
            Assert.Equal(("Pending", first.ExecutionTxHash, stuck.SenderNonce), (replacement.Status, replacement.ReplacesTxHash, replacement.SenderNonce));
            Assert.Equal("Dropped", (await SubmissionAsync(pipeline, first.ExecutionTxHash!)).Status);
            Assert.True(replacement.MaxFeePerGas * 1000 >= stuck.MaxFeePerGas * 1125, $"{replacement.MaxFeePerGas} vs {stuck.MaxFeePerGas}");
            Assert.True(replacement.PriorityFeePerGas * 1000 >= stuck.PriorityFeePerGas * 1125);

            await pipeline.MineAsync(1);
        }
        finally
        {
            await rpc.SetAutomineAsync(true);
        }

        Assert.Equal(ExecutorOutcome.NothingReady, (await executor.RunAsync(CancellationToken.None)).Outcome);
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.Executed, (await pipeline.ViewAsync(tx.SafeTxHash)).Status);
        Assert.Equal(1, await pipeline.CountTransfersAsync(pipeline.World.Lpt.Address, Samples.OpenCv));
        Assert.Equal(["Dropped", "Mined"], (await StatusesAsync(pipeline)).Order());
    }

    [Fact]
    public async Task A_fee_cap_that_leaves_no_room_for_a_bump_keeps_the_stuck_execution_and_alerts_once()
    {
        // A cap of 1 wei: the first execution is signed under it (and the node refuses it), and no bump fits.
        await using var pipeline = await StartAsync("0.000000001");
        var tx = await pipeline.DraftSignedByAsync(3);
        var executor = pipeline.Get<Executor>();
        var first = await executor.RunAsync(CancellationToken.None);
        Assert.True(first.Outcome == ExecutorOutcome.Submitted, first.Reason);
        Assert.Equal(BigInteger.One, (await SubmissionAsync(pipeline, first.ExecutionTxHash!)).MaxFeePerGas);

        for (var run = 0; run < 2; run++)
        {
            pipeline.Clock.Advance(ReplaceAfter);
            Assert.Equal(first.ExecutionTxHash, (await executor.RunAsync(CancellationToken.None)).ExecutionTxHash);
        }

        Assert.Equal(["Pending"], await StatusesAsync(pipeline));
        var alert = Assert.Single(await pipeline.Notices.ListAsync(true, tx.SafeTxHash, 10, CancellationToken.None),
            n => n.Kind == NoticeKind.ExecutionBlocked);
        Assert.Contains("cannot be raised enough under Execution:MaxFeePerGasGwei", alert.Payload.ToJsonString(), StringComparison.Ordinal);
    }

    private Task<PipelineHarness> StartAsync(string maxFeeGwei) =>
        PipelineHarness.StartWithExecutorAsync(devnet, SafeVersion.V141, new Dictionary<string, string?>
        {
            ["Execution:ReplaceAfter"] = ReplaceAfter.ToString(),
            ["Execution:MaxFeePerGasGwei"] = maxFeeGwei,
        });

    private static async Task<IReadOnlyList<string>> StatusesAsync(PipelineHarness pipeline)
    {
        await using var connection = await pipeline.Database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT status FROM execution_submissions")).ToList();
    }

    private static async Task<Submission> SubmissionAsync(PipelineHarness pipeline, string txHash)
    {
        await using var connection = await pipeline.Database.OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<(string Status, string? Replaces, long SenderNonce, string Raw)>(
            "SELECT status, replaces_tx_hash, sender_nonce, raw_transaction FROM execution_submissions WHERE tx_hash = @txHash", new { txHash });
        var signed = (Transaction1559)TransactionFactory.CreateTransaction(row.Raw);
        return new Submission(row.Status, row.Replaces, row.SenderNonce, signed.MaxFeePerGas!.Value, signed.MaxPriorityFeePerGas!.Value);
    }

    private sealed record Submission(string Status, string? ReplacesTxHash, long SenderNonce, BigInteger MaxFeePerGas, BigInteger PriorityFeePerGas);
}
