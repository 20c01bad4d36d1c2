using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Jobs;

[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresCluster>;

/// <summary>
/// SPEC §12: several replicas on one PostgreSQL ledger share Quartz's clustered job store, so each job runs on one
/// node at a time. Two real worker processes on one database and one devnet; every chain-sync run is read from the
/// Debug lines each node logs around a step (JSON, with timestamps).
/// </summary>
[Collection(PostgresCluster.Collection)]
public sealed class ClusteredJobsTests(PostgresCluster postgres)
{
    private const string SchedulerName = "ossfunding-worker";
    private const string ChainSync = "chain-sync";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ObservedWindow = TimeSpan.FromSeconds(12);
    // JobStoreConfiguration.CheckinInterval of the worker (internal to it).
    private static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FailoverMargin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_workers_on_one_PostgreSQL_ledger_form_one_cluster_and_never_run_a_job_on_both_nodes_at_once()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        var ledger = await postgres.CreateDatabaseAsync();
        var (first, _) = await scenario.StartWorkerAsync(scenario.Environment(executor: false, extra: OnPostgres(ledger)));
        var (second, _) = await scenario.StartWorkerAsync(scenario.Environment(executor: false, extra: OnPostgres(ledger)));

        var nodes = await WaitForNodesAsync(ledger, expected: 2);
        Assert.Equal(2, nodes.Distinct().Count());

        var from = DateTimeOffset.UtcNow;
        await Task.Delay(ObservedWindow);
        var to = DateTimeOffset.UtcNow;
        var runs = ChainSyncRuns(first.Output, "first").Concat(ChainSyncRuns(second.Output, "second"))
            .Where(run => run.Started >= from && run.Finished <= to)
            .OrderBy(run => run.Started)
            .ToList();

        // One schedule for the cluster: about one run per poll interval in all, not one per node and interval.
        var oneSchedule = (int)(ObservedWindow / PollInterval);
        Assert.InRange(runs.Count, oneSchedule / 3, oneSchedule + 2);
        foreach (var (earlier, later) in runs.Zip(runs.Skip(1)))
        {
            Assert.True(later.Started >= earlier.Finished,
                $"chain-sync ran on {earlier.Node} ({earlier.Started:O}..{earlier.Finished:O}) and on {later.Node} from {later.Started:O}");
        }

        // The second start replaced the definitions the first one stored rather than adding its own.
        await using var connection = new NpgsqlConnection(ledger);
        var triggers = (await connection.QueryAsync<string>(
            "SELECT trigger_name FROM qrtz_triggers WHERE sched_name = @SchedulerName", new { SchedulerName })).ToList();
        Assert.Single(triggers, name => name == ChainSync);
        Assert.Equal(triggers.Count, triggers.Distinct().Count());

        first.SendSigterm();
        second.SendSigterm();
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task When_one_of_two_workers_is_killed_the_survivor_keeps_the_chain_sync_schedule_recovers_the_dead_node_and_keeps_serving()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        var ledger = await postgres.CreateDatabaseAsync();
        var (first, firstApi) = await scenario.StartWorkerAsync(scenario.Environment(executor: false, extra: OnPostgres(ledger)));
        var firstNode = Assert.Single(await WaitForNodesAsync(ledger, expected: 1));
        var (second, secondApi) = await scenario.StartWorkerAsync(scenario.Environment(executor: false, extra: OnPostgres(ledger)));
        var secondNode = Assert.Single(await WaitForNodesAsync(ledger, expected: 2), node => node != firstNode);

        // Kill the node that last took the chain-sync trigger: it usually still holds it (acquired for the next second,
        // or running), and then the survivor has to recover it from the dead node rather than just fire it next.
        var holder = await ChainSyncHolderAsync(ledger);
        var (victim, survivor, survivorApi, survivorNode) = holder == firstNode
            ? (first, second, secondApi, secondNode)
            : (second, first, firstApi, firstNode);
        var killedAt = DateTimeOffset.UtcNow;
        victim.KillHard();

        // Quartz presumes a peer dead once it missed a check-in by 7.5 s, and the survivor looks every check-in
        // interval: a held trigger comes back within two intervals and that grace, plus a margin for a loaded machine.
        var failoverDeadline = CheckinInterval * 2 + TimeSpan.FromSeconds(7.5) + FailoverMargin;
        var resumed = await WaitForRunAsync(survivor, after: killedAt, failoverDeadline);

        // Work still flows end to end through the survivor: an owner's approveHash on chain becomes a signature only
        // through chain-sync, which now runs on the survivor alone.
        await PaymentFlow.ImportSamplesAsync(survivorApi);
        var safeTxHash = await PaymentFlow.DraftAsync(survivorApi);
        Assert.Equal("AwaitingSignatures", await survivorApi.StatusOfAsync(safeTxHash));
        await PaymentFlow.SignAsync(survivorApi, scenario.World, safeTxHash, [SigningWay.ApproveHash]);
        await WaitForSignatureAsync(survivorApi, safeTxHash, scenario.World.Owners[0].Address, TimeSpan.FromSeconds(20));
        Assert.Contains(ChainSyncRuns(survivor.Output, "survivor"), run => run.Started > resumed.Finished);

        // The dead node is recovered, not just outlived: the survivor deletes its check-in record and the triggers it held.
        await WaitForOnlyNodeAsync(ledger, survivorNode, killedAt + failoverDeadline);
        await using var connection = new NpgsqlConnection(ledger);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM qrtz_fired_triggers WHERE sched_name = @SchedulerName AND instance_name = @holder", new { SchedulerName, holder }));

        survivor.SendSigterm();
        Assert.Equal(0, await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static Dictionary<string, string> OnPostgres(string ledger) => new()
    {
        ["Storage__Provider"] = "Postgres",
        ["Storage__ConnectionString"] = ledger,
        ["Logging__Format"] = "Json",
        ["Serilog__MinimumLevel__Override__OssFunding.Worker.Jobs"] = "Debug",
    };

    /// <summary>The instance ids in qrtz_scheduler_state once <paramref name="expected"/> nodes have checked in.</summary>
    private static async Task<List<string>> WaitForNodesAsync(string ledger, int expected)
    {
        await using var connection = new NpgsqlConnection(ledger);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var nodes = (await connection.QueryAsync<string>(
                "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = @SchedulerName", new { SchedulerName })).ToList();
            if (nodes.Count >= expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, nodes.Count);
                return nodes;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The node whose chain-sync fired-trigger row is the newest (it repeats every second, so one soon exists).</summary>
    private static async Task<string> ChainSyncHolderAsync(string ledger)
    {
        await using var connection = new NpgsqlConnection(ledger);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var holder = await connection.QueryFirstOrDefaultAsync<string>(
                """
                SELECT instance_name FROM qrtz_fired_triggers
                WHERE sched_name = @SchedulerName AND trigger_name = @ChainSync ORDER BY fired_time DESC LIMIT 1
                """,
                new { SchedulerName, ChainSync });
            if (holder is not null)
            {
                return holder;
            }

            Assert.True(DateTime.UtcNow < deadline, "no node took the chain-sync trigger within 10 s");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForOnlyNodeAsync(string ledger, string survivor, DateTimeOffset deadline)
    {
        await using var connection = new NpgsqlConnection(ledger);
        while (true)
        {
            var nodes = (await connection.QueryAsync<string>(
                "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = @SchedulerName", new { SchedulerName })).ToList();
            if (nodes.SequenceEqual([survivor]))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the dead node was not recovered by {deadline:O}: nodes {string.Join(", ", nodes)}");
            await Task.Delay(250);
        }
    }

    private static async Task WaitForSignatureAsync(WorkerApi api, string safeTxHash, string owner, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var tx = await api.GetAsync($"api/transactions/{safeTxHash}");
            if (tx["signatures"]!.AsArray().Any(s => string.Equals(s!["owner"]!.GetValue<string>(), owner, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the approveHash of {owner} was not recorded within {timeout}: {tx.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    /// <summary>The first complete chain-sync run of <paramref name="worker"/> that started after <paramref name="after"/>.</summary>
    private static async Task<Run> WaitForRunAsync(WorkerProcess worker, DateTimeOffset after, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var run = ChainSyncRuns(worker.Output, "survivor").FirstOrDefault(run => run.Started > after);
            if (run is not null)
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"no chain-sync run on the survivor within {timeout} after {after:O}:\n{worker.Output}");
            await Task.Delay(200);
        }
    }

    private static IEnumerable<Run> ChainSyncRuns(string output, string node)
    {
        var started = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n').Where(line => line.StartsWith('{')))
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            if (!root.TryGetProperty("Job", out var job) || job.GetString() != ChainSync ||
                !root.TryGetProperty("JobRunId", out var runId) || !root.TryGetProperty("@mt", out var template))
            {
                continue;
            }

            var at = DateTimeOffset.Parse(root.GetProperty("@t").GetString()!, CultureInfo.InvariantCulture);
            var id = runId.GetString()!;
            if (template.GetString()!.EndsWith("started", StringComparison.Ordinal))
            {
                started[id] = at;
            }
            else if (template.GetString()!.EndsWith("finished", StringComparison.Ordinal) && started.Remove(id, out var start))
            {
                yield return new Run(node, start, at);
            }
        }
    }

    private sealed record Run(string Node, DateTimeOffset Started, DateTimeOffset Finished);
}
