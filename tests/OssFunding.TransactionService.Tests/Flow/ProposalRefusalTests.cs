using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>What is not proposed, and why: a proposer the service does not accept, calldata that no longer matches the ledger.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ProposalRefusalTests(DevnetWorlds devnet)
{
    [Fact]
    public async Task A_proposer_that_is_no_delegate_is_refused_with_the_services_reason_and_retried_once_registered()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141, registerDelegate: false);
        await worker.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "5"));
        var draft = await worker.DraftAsync();

        Assert.Equal(ServiceSyncRun.Nothing, await worker.Sync.RunAsync(CancellationToken.None));
        Assert.Equal(TransactionStatus.Drafted, (await worker.ViewAsync(draft.SafeTxHash)).Status);
        Assert.Equal(0, await worker.CountAsync("SELECT COUNT(*) FROM service_proposals"));
        Assert.Contains(worker.Logs.AtLeast(LogLevel.Error),
            line => line.Contains(draft.SafeTxHash, StringComparison.Ordinal) && line.Contains($"Sender={ServiceHarness.Proposer.Address} is not an owner or delegate", StringComparison.Ordinal));

        worker.Fake.RegisterDelegate(worker.World.SafeAddress, ServiceHarness.Proposer.Address, worker.World.Owners[4].Address);
        Assert.Equal(1, (await worker.Sync.RunAsync(CancellationToken.None)).Proposed);
        Assert.Equal(TransactionStatus.AwaitingSignatures, (await worker.ViewAsync(draft.SafeTxHash)).Status);
    }

    [Theory]
    [MemberData(nameof(StoredTransactionTampering.Fields), MemberType = typeof(StoredTransactionTampering))]
    public async Task A_draft_that_no_longer_matches_its_allocations_is_not_proposed_and_alerts_once(string tamperedField)
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V130);
        await worker.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "5"));
        var draft = await worker.DraftAsync();
        await using (var connection = await worker.Get<LedgerDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(StoredTransactionTampering.Sql(tamperedField));
        }

        Assert.Equal(ServiceSyncRun.Nothing, await worker.Sync.RunAsync(CancellationToken.None));
        Assert.Equal(ServiceSyncRun.Nothing, await worker.Sync.RunAsync(CancellationToken.None));
        Assert.False(worker.Fake.Knows(draft.SafeTxHash));
        var alerts = await worker.Get<NoticeQueries>().ListAsync(true, draft.SafeTxHash, 10, CancellationToken.None);
        var alert = Assert.Single(alerts);
        Assert.Equal(NoticeKind.CalldataMismatch, alert.Kind);
        Assert.Contains("was not proposed", alert.Payload["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
