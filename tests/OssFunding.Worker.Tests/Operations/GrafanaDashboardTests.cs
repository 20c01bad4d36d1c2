using System.Text.Json;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Operations;

/// <summary>
/// deploy/grafana/ossfunding-worker.json against the real worker: every metric a panel queries is one a running
/// worker serves on /metrics (so a renamed or dropped metric cannot leave a blank panel behind), every query is
/// PromQL that promtool parses, and the dashboard shows what ops need (watcher, RPC per endpoint, transactions by
/// status, notices, budget).
/// </summary>
[Collection(RunningWorkerCollection.Name)]
public sealed class GrafanaDashboardTests(RunningWorker worker)
{
    private static readonly string Dashboard = Path.Combine(WorkerBinary.RepositoryRoot, "deploy/grafana/ossfunding-worker.json");

    [Fact]
    public async Task Every_metric_a_panel_queries_is_served_by_a_running_worker()
    {
        string metrics = await worker.Client.GetStringAsync("metrics");
        var served = ExportedMetricsTests.ServedFamilies(metrics);

        var queried = Expressions().SelectMany(PrometheusRulesTests.MetricsIn).ToHashSet(StringComparer.Ordinal);
        var missing = queried.Where(name => !served.Contains(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"the dashboard queries metrics the worker does not serve: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_query_is_promql_that_promtool_parses()
    {
        // Grafana's variables are not PromQL: each becomes a regex matching everything, as "All" does.
        var rules = string.Join('\n', Expressions().Select((expr, index) =>
            $"      - record: dashboard:query_{index}\n        expr: {JsonSerializer.Serialize(expr.Replace("$job", ".*", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal))}"));
        var file = Path.Combine(Directory.CreateTempSubdirectory("ossfunding-dashboard-").FullName, "queries.yml");
        File.WriteAllText(file, $"groups:\n  - name: dashboard\n    rules:\n{rules}\n");
        try
        {
            PrometheusRulesTests.AssertPromtool("check", "rules", file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Panels_cover_watcher_rpc_per_endpoint_transactions_notices_and_budget()
    {
        var expressions = Expressions();
        var queried = expressions.SelectMany(PrometheusRulesTests.MetricsIn).ToHashSet(StringComparer.Ordinal);
        foreach (var name in new[]
                 {
                     "ossfunding_watcher_head_block", "ossfunding_watcher_final_block", "ossfunding_watcher_lag_blocks",
                     "ossfunding_watcher_final_lag_blocks", "ossfunding_rpc_calls_total", "ossfunding_transactions",
                     "ossfunding_notices_total", "ossfunding_budget_remaining",
                 })
        {
            Assert.Contains(name, queried);
        }

        Assert.Contains(expressions, e => e.Contains("ossfunding_rpc_calls_total", StringComparison.Ordinal)
            && e.Contains("by (endpoint", StringComparison.Ordinal) && e.Contains("result!=\"ok\"", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("by (status) (ossfunding_transactions", StringComparison.Ordinal));
    }

    [Fact]
    public void Panels_have_unique_ids_and_query_the_chosen_data_source()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var root = document.RootElement;
        Assert.Equal("ossfunding-worker", root.GetProperty("uid").GetString());
        Assert.Contains(root.GetProperty("templating").GetProperty("list").EnumerateArray(),
            variable => variable.GetProperty("name").GetString() == "datasource" && variable.GetProperty("type").GetString() == "datasource");

        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels.Where(p => p.GetProperty("type").GetString() != "row"))
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("description").GetString()), $"panel '{panel.GetProperty("title")}' says what it shows");
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }
    }

    [Fact]
    public void The_rules_metric_extraction_reads_dashboard_queries_with_variables_and_comparisons()
    {
        Assert.Equal(
            ["ossfunding_budget_cap", "ossfunding_budget_remaining"],
            PrometheusRulesTests.MetricsIn("1 - max by (cycle) (ossfunding_budget_remaining{job=~\"$job\"}) / (max by (cycle) (ossfunding_budget_cap) > 0)").Order(StringComparer.Ordinal));
        Assert.Equal(["ossfunding_rpc_calls_total"], PrometheusRulesTests.MetricsIn("sum by (endpoint) (rate(ossfunding_rpc_calls_total{result!=\"ok\"}[5m]))"));
    }

    private static List<string> Expressions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return document.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

}
