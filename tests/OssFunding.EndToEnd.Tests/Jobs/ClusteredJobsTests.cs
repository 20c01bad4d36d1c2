using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

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
