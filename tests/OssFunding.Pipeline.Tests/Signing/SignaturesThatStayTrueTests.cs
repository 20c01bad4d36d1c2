using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Chain.Watcher;
using OssFunding.Pipeline.Execution;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Signing;

/// <summary>
/// Signatures count only while they are true (issue "never pay twice", item 6): the executor verifies the stored
/// signatures again and packs a threshold of those that still hold, and an approveHash posted to the API counts only as
/// the mirrored approval, which a reorg undoes. SPEC §2 invariant 3 (the chain is the truth) and §6.
/// </summary>
public sealed class SignaturesThatStayTrueTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task A_stored_signature_that_no_longer_verifies_is_left_out_and_the_three_others_execute()
    {
        await using var pipeline = await PipelineHarness.StartWithExecutorAsync(devnet, SafeVersion.V141);
        var tx = await pipeline.DraftSignedByAsync(4);
        var lowest = await TamperWithLowestSignatureAsync(pipeline, tx.SafeTxHash);

        var run = await pipeline.Get<Executor>().RunAsync(CancellationToken.None);

        Assert.True(run.Outcome == ExecutorOutcome.Submitted, run.Reason);
        await pipeline.MineAsync(1);
        await pipeline.SyncAsync();
        Assert.Equal(TransactionStatus.Executed, (await pipeline.ViewAsync(tx.SafeTxHash)).Status);
        Assert.Equal(1, await pipeline.CountTransfersAsync(pipeline.World.Lpt.Address, Samples.OpenCv));
        Assert.Contains(lowest, (await pipeline.ViewAsync(tx.SafeTxHash)).Signatures.Select(s => s.Owner));
    }

    [Fact]
    public async Task Fewer_than_threshold_signatures_that_still_verify_block_execution_naming_the_one_left_out()
    {
        await using var pipeline = await PipelineHarness.StartWithExecutorAsync(devnet, SafeVersion.V141);
        var tx = await pipeline.DraftSignedByAsync(3);
        var lowest = await TamperWithLowestSignatureAsync(pipeline, tx.SafeTxHash);

        var run = await pipeline.Get<Executor>().RunAsync(CancellationToken.None);

        Assert.Equal(ExecutorOutcome.Blocked, run.Outcome);
        Assert.Contains("2 of 3 required stored signatures verify now", run.Reason, StringComparison.Ordinal);
        Assert.Contains($"left out: {lowest}:", run.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM execution_submissions"));
        Assert.Equal(TransactionStatus.ReadyToExecute, (await pipeline.ViewAsync(tx.SafeTxHash)).Status);
    }

    [Theory]
    [MemberData(nameof(StoredTransactionTampering.Fields), MemberType = typeof(StoredTransactionTampering))]
    public async Task An_allocation_changed_after_the_signatures_are_in_blocks_the_executor_before_anything_is_sent(string tamperedField)
    {
        // SPEC §2 invariant 5 at the last step: the executor rebuilds the calldata from the allocations, whatever the signatures say.
        await using var pipeline = await PipelineHarness.StartWithExecutorAsync(devnet, SafeVersion.V141);
        var tx = await pipeline.DraftSignedByAsync(3);
        await pipeline.ExecuteSqlAsync(StoredTransactionTampering.Sql(tamperedField));

        var run = await pipeline.Get<Executor>().RunAsync(CancellationToken.None);
        var again = await pipeline.Get<Executor>().RunAsync(CancellationToken.None);

        Assert.Equal((ExecutorOutcome.Blocked, ExecutorOutcome.Blocked), (run.Outcome, again.Outcome));
        Assert.Contains("its calldata does not match its allocations", run.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM execution_submissions"));
        Assert.Equal(0, await pipeline.CountTransfersAsync(pipeline.World.Lpt.Address, Samples.OpenCv));
        var alert = Assert.Single(await pipeline.Notices.ListAsync(true, tx.SafeTxHash, 10, CancellationToken.None));
        Assert.Equal(NoticeKind.ExecutionBlocked, alert.Kind);
    }

    [Fact]
    public async Task A_posted_approveHash_counts_only_once_mirrored_and_a_reorg_that_removes_the_approval_removes_it()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        var tx = await pipeline.DraftSignedByAsync(2);
        var approver = pipeline.World.Owners[2];
        var posted = SafeSignature.ApprovedHash(approver.Address).ToHex();
        await pipeline.ApproveOnChainAsync(approver, tx.SafeTxHash);

        // The chain shows the approval, the mirror does not yet: nothing is stored.
        var early = await pipeline.Collector.AddAsync(tx.SafeTxHash, posted, CancellationToken.None);
        Assert.Equal((SignatureResult.AwaitingChain, 202), (early.Result, early.StatusCode));
        Assert.Contains("has not mirrored it yet", early.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await pipeline.ViewAsync(tx.SafeTxHash)).Signatures.Count);

        // Once mirrored, the posted approval is stored as the mirrored one: source 'chain', with its transaction and block.
        await pipeline.Get<ChainWatcher>().PollAsync(CancellationToken.None);
        var mirrored = await pipeline.Collector.AddAsync(tx.SafeTxHash, posted, CancellationToken.None);
        Assert.True(mirrored.Result == SignatureResult.Created, mirrored.Message);
        Assert.Equal(1, await pipeline.CountAsync(
            "SELECT COUNT(*) FROM transaction_signatures WHERE owner = @owner AND source = 'chain' AND chain_block_number IS NOT NULL",
            new { owner = approver.Address }));
        Assert.Equal(TransactionStatus.ReadyToExecute, (await pipeline.ViewAsync(tx.SafeTxHash)).Status);

        // The block holding the approval is reorged away: the signature goes with it.
        await pipeline.World.Chain.Rpc.ReorgAsync(1);
        await pipeline.SyncAsync();
        var undone = await pipeline.ViewAsync(tx.SafeTxHash);
        Assert.Equal(TransactionStatus.AwaitingSignatures, undone.Status);
        Assert.DoesNotContain(approver.Address, undone.Signatures.Select(s => s.Owner));
    }

    /// <summary>
    /// Alters the stored signature of the lowest signer (the one packed first) so it recovers to someone else, as a
    /// corrupted or tampered row would; returns that owner.
    /// </summary>
    private static async Task<string> TamperWithLowestSignatureAsync(PipelineHarness pipeline, string safeTxHash)
    {
        var view = await pipeline.ViewAsync(safeTxHash);
        var lowest = view.Signatures.OrderBy(s => s.Owner, Comparer<string>.Create(EthAddress.CompareNumerically)).First();
        var bytes = lowest.Signature.HexToByteArray();
        bytes[40] ^= 0x01; // a bit of s
        await pipeline.ExecuteSqlAsync("UPDATE transaction_signatures SET signature = @signature WHERE safe_tx_hash = @hash AND owner = @owner",
            new { signature = bytes.ToHex(true), hash = safeTxHash, owner = lowest.Owner });
        return lowest.Owner;
    }
}
