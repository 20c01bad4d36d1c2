using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Concurrency;

/// <summary>
/// PostgreSQL under concurrency (issue 10 item 8): every writer of a transaction row takes its row lock first
/// (<see cref="TransactionLocks"/>), so signatures arriving at once neither deadlock nor cross the threshold twice
/// (SPEC §2.6: the state change and its notice exactly once), and a signature never lands on a row a concurrent status
/// change has left (SPEC §2.7: refused, nothing written).
/// </summary>
[Collection(PostgresCluster.Collection)]
public sealed class RowLockTests(DevnetWorlds devnet, PostgresCluster postgres) : IClassFixture<DevnetWorlds>
{
    private const int Repetitions = 50;

    [Fact]
    public async Task Concurrent_threshold_and_extra_signatures_never_deadlock_and_cross_the_threshold_once()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, await postgres.CreateDatabaseAsync());
        await pipeline.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "1"));
        var tx = await pipeline.DraftAsync();
        var hash = tx.SafeTxHash;
        var threshold = tx.Threshold;
        var owners = pipeline.World.Owners;
        Assert.True(owners.Count > threshold, "the test needs one owner more than the threshold");
        foreach (var owner in owners.Take(threshold - 1))
        {
            Assert.Equal(SignatureResult.Created, (await pipeline.Collector.AddAsync(hash, PipelineHarness.EthSign(owner, hash), CancellationToken.None)).Result);
        }

        var last = owners[threshold - 1];
        var extra = owners[threshold];
        var lastSignature = PipelineHarness.EthSign(last, hash);
        var extraSignature = PipelineHarness.EthSign(extra, hash);
        var peer = pipeline.StartPeer().GetRequiredService<SignatureCollector>();
        await CountReadyTransitionsAsync(pipeline);

        var watch = Stopwatch.StartNew();
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            await ResetToOneShortAsync(pipeline, hash, last.Address, extra.Address);
            var noticesBefore = await ReadyNoticesAsync(pipeline, hash);
            var transitionsBefore = await pipeline.CountAsync("SELECT COUNT(*) FROM test_ready_transitions");

            // Both writes start together from two "worker processes"; a deadlock would surface as an exception here.
            var outcomes = await Task.WhenAll(
                Task.Run(() => pipeline.Collector.AddAsync(hash, lastSignature, CancellationToken.None)),
                Task.Run(() => peer.AddAsync(hash, extraSignature, CancellationToken.None)));

            Assert.All(outcomes, outcome => Assert.Equal(SignatureResult.Created, outcome.Result));
            Assert.Equal(TransactionStatus.ReadyToExecute, (await pipeline.ViewAsync(hash)).Status);
            Assert.Equal(threshold + 1, (await pipeline.ViewAsync(hash)).Signatures.Count);
            Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM test_ready_transitions") - transitionsBefore);
            Assert.Equal(1, await ReadyNoticesAsync(pipeline, hash) - noticesBefore);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(45), $"{Repetitions} repetitions took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_signature_stored_while_the_transaction_is_being_cancelled_sees_the_cancel_and_is_refused_with_409()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, await postgres.CreateDatabaseAsync());
        await pipeline.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "1"));
        var hash = (await pipeline.DraftAsync()).SafeTxHash;

        // The cancel's status change is made and held uncommitted, as OperatorCancel's write does before it commits.
        await using var connection = await pipeline.Database.OpenAsync(CancellationToken.None);
        await using var cancel = await connection.BeginTransactionAsync();
        Assert.True(await TransactionLedger.TransitionAsync(cancel, hash, TransactionStatus.Cancelled, "Cancelled by the operator (test).",
            pipeline.Clock.GetUtcNow(), onlyFrom: TransactionStatuses.Cancellable));

        // The signature's checks outside the write still see AwaitingSignatures; its write must wait for the cancel.
        var signing = Task.Run(() => pipeline.Collector.AddAsync(hash, PipelineHarness.EthSign(pipeline.World.Owners[0], hash), CancellationToken.None));
        await WaitForLockWaitAsync(pipeline, signing);
        await cancel.CommitAsync();
        var outcome = await signing;

        Assert.Equal((SignatureResult.NotCollecting, 409), (outcome.Result, outcome.StatusCode));
        Assert.Contains("is Cancelled", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM transaction_signatures"));
        Assert.Equal(TransactionStatus.Cancelled, (await pipeline.ViewAsync(hash)).Status);
    }

    /// <summary>Installs (first call) a trigger that records every move of a row into ReadyToExecute: the transitions themselves, not only their notices.</summary>
    private static async Task CountReadyTransitionsAsync(PipelineHarness pipeline) =>
        await pipeline.ExecuteSqlAsync(
            """
            CREATE TABLE test_ready_transitions (safe_tx_hash TEXT NOT NULL);
            CREATE FUNCTION test_record_ready() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO test_ready_transitions VALUES (NEW.safe_tx_hash); RETURN NEW; END $$;
            CREATE TRIGGER test_ready AFTER UPDATE OF status ON safe_transactions FOR EACH ROW
            WHEN (NEW.status = 'ReadyToExecute' AND OLD.status <> 'ReadyToExecute') EXECUTE FUNCTION test_record_ready();
            """);

    /// <summary>Back to one signature short of the threshold: the two contested owners' signatures removed, AwaitingSignatures.</summary>
    private static async Task ResetToOneShortAsync(PipelineHarness pipeline, string hash, string last, string extra)
    {
        await pipeline.ExecuteSqlAsync(
            "DELETE FROM transaction_signatures WHERE safe_tx_hash = @hash AND lower(owner) IN (@last, @extra)",
            new { hash, last = last.ToLowerInvariant(), extra = extra.ToLowerInvariant() });
        await pipeline.ExecuteSqlAsync(
            "UPDATE safe_transactions SET status = 'AwaitingSignatures' WHERE safe_tx_hash = @hash", new { hash });
    }

    private static Task<long> ReadyNoticesAsync(PipelineHarness pipeline, string hash) =>
        pipeline.CountAsync("SELECT COUNT(*) FROM notices WHERE kind = @kind AND safe_tx_hash = @hash",
            new { kind = NoticeKind.ReadyToExecute.ToString(), hash });

    /// <summary>Waits until some session of this database waits on a lock (the write under test reached the held row).</summary>
    internal static async Task WaitForLockWaitAsync(PipelineHarness pipeline, Task writer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(writer.IsCompleted, "the write finished without waiting for the held transaction");
            if (await pipeline.CountAsync(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the write never reached the locked row");
    }
}
