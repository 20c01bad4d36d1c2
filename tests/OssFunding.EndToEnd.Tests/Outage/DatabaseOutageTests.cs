using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.EndToEnd.Tests.Outage;

/// <summary>
/// The ledger database going away for 30 s in the middle of a run (issue "never pay twice", item 10): a real worker
/// process on its own PostgreSQL server, stopped with <c>pg_ctl -m immediate</c> right after the last signature (the
/// executor and the watcher are mid-work) and started again. The worker does not exit, readiness answers 503 naming the
/// database while it is gone and 200 again after, the API answers 503 (not 500), and every allocation is paid exactly once. SPEC §2 invariants 1 and 2.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Thirty_seconds_without_the_database_mid_run_neither_crash_the_worker_nor_lose_or_double_a_payment()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        await using var postgres = await PostgresCluster.StartOwnAsync();
        var ledger = await postgres.CreateDatabaseAsync();
        var (worker, api) = await scenario.StartWorkerAsync(scenario.Environment(executor: true, extra: new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = ledger,
        }));
        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.Eip712]);

        await postgres.StopServerAsync();
        var down = DateTime.UtcNow;
        var (status, reason) = await WaitForReadinessAsync(api, HttpStatusCode.ServiceUnavailable, Outage);
        Assert.True(status == HttpStatusCode.ServiceUnavailable, reason);
        Assert.Contains("database unreachable", reason, StringComparison.Ordinal);
        var (apiStatus, problem) = await api.SendAsync(HttpMethod.Get, $"api/transactions/{safeTxHash}");
        Assert.True(apiStatus == HttpStatusCode.ServiceUnavailable, problem);
        Assert.Contains("cannot reach its ledger database", problem, StringComparison.Ordinal);
        await Task.Delay(Outage - (DateTime.UtcNow - down));
        Assert.False(worker.HasExited, $"the worker exited during the outage:\n{worker.Output}");
        var stillDown = await ReadinessAsync(api);
        Assert.True(stillDown.Status == HttpStatusCode.ServiceUnavailable, stillDown.Reason);

        await postgres.StartServerAsync();
        var back = await WaitForReadinessAsync(api, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.True(back.Status == HttpStatusCode.OK, back.Reason);
        await api.WaitForStatusAsync(safeTxHash, "Confirmed", TimeSpan.FromSeconds(60));

        await ChainFacts.AssertEachAllocationPaidOnceAsync(scenario.World);
        await using var connection = new NpgsqlConnection(ledger);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM allocations WHERE status = 'Queued'"));
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM allocations WHERE status = 'Paid'"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT allocation_id) FROM payments"));
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM payments"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT allocation_id) FROM payments"));
        // The executor settles its own submission on its next run: Confirmed (the watcher's word) may come first.
        var mined = await WaitForMinedSubmissionsAsync(connection, expected: 1, TimeSpan.FromSeconds(30));
        Assert.True(mined == 1, $"{mined} mined executor submissions; the worker's log ends:\n{worker.Output[^Math.Min(worker.Output.Length, 20_000)..]}");
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM execution_submissions WHERE status = 'Pending'"));
        Assert.False(worker.HasExited);
    }

    private static async Task<long> WaitForMinedSubmissionsAsync(NpgsqlConnection connection, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var mined = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM execution_submissions WHERE status = 'Mined'");
            if (mined == expected || DateTime.UtcNow > deadline)
            {
                return mined;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<(HttpStatusCode Status, string Reason)> WaitForReadinessAsync(WorkerApi api, HttpStatusCode wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await ReadinessAsync(api);
            if (answer.Status == wanted || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<(HttpStatusCode Status, string Reason)> ReadinessAsync(WorkerApi api)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, "health/ready");
        return (status, body);
    }
}
