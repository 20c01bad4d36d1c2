using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// Issue 10 item 7 and SPEC §2 invariant 2 (never lose a payment: visibly waiting with a reason): one transaction whose
/// derivation throws (here its payment line names a token no longer configured) is alerted once and skipped; the
/// confirmer still confirms the others in the same run.
/// </summary>
public sealed class IsolationTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task A_transaction_that_cannot_be_derived_is_alerted_once_and_the_others_are_still_confirmed()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        var broken = await ExecuteAsync(pipeline, Samples.One("first", Samples.FFmpeg, "LPT", "100"));
        await pipeline.SyncAsync(); // Executed, not final yet: the next draft may go
        var healthy = await ExecuteAsync(pipeline, Samples.One("second", Samples.OpenCv, "LPT", "50"));
        Assert.NotEqual(broken.SafeTxHash, healthy.SafeTxHash);

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        await pipeline.ExecuteSqlAsync("UPDATE transaction_allocations SET token = 'DAI' WHERE safe_tx_hash = @hash", new { hash = broken.SafeTxHash });

        var run = await pipeline.SyncAsync();
        var again = await pipeline.SyncAsync();

        Assert.Equal(1, run.Confirmed);
        Assert.Equal(TransactionStatus.Confirmed, (await pipeline.ViewAsync(healthy.SafeTxHash)).Status);
        var skipped = await pipeline.ViewAsync(broken.SafeTxHash);
        Assert.Equal(TransactionStatus.Executed, skipped.Status);
        Assert.Contains("could not be derived", skipped.StatusReason, StringComparison.Ordinal);
        Assert.Contains("DAI", skipped.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, again.Confirmed);
        Assert.Single(await pipeline.Notices.ListAsync(true, null, 50, CancellationToken.None), n => n.Kind == NoticeKind.ConfirmationBlocked);
        Assert.Equal(["first=Queued", "second=Paid"], await pipeline.AllocationStatusesAsync());
    }

    private static async Task<TransactionView> ExecuteAsync(PipelineHarness pipeline, string allocations)
    {
        await pipeline.ImportAsync(allocations);
        var draft = await pipeline.DraftAsync();
        foreach (var owner in pipeline.World.Owners.Take(3))
        {
            await pipeline.Signer.SignAndSubmitAsync(draft.SafeTxHash, owner.PrivateKey, CancellationToken.None);
        }

        await pipeline.ExecuteAsOutsiderAsync(draft.SafeTxHash);
        return draft;
    }
}
