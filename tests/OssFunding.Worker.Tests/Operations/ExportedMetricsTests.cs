using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Operations;

/// <summary>
/// The real worker's /metrics against what the alert rules rely on: every ossfunding_ family it serves is one the
/// source scan of <see cref="PrometheusRulesTests"/> finds (so that scan misses nothing), and the ledger gauges the
/// rules read are served with the label values the rules select.
/// </summary>
[Collection(RunningWorkerCollection.Name)]
public sealed partial class ExportedMetricsTests(RunningWorker worker)
{
    [Fact]
    public async Task Every_family_served_is_defined_in_src_and_the_gauges_the_rules_read_are_served()
    {
        string metrics = await worker.Client.GetStringAsync("metrics");

        var served = ServedFamilies(metrics);
        Assert.NotEmpty(served);
        var defined = PrometheusRulesTests.DefinedMetrics();
        Assert.All(served, name => Assert.Contains(name, defined));

        foreach (var series in new[]
                 {
                     "ossfunding_transactions{status=\"ReadyToExecute\"} ",
                     "ossfunding_transaction_oldest_age_seconds{status=\"AwaitingSignatures\"} ",
                     "ossfunding_transaction_oldest_age_seconds{status=\"Drafted\"} ",
                     "ossfunding_alert_conditions{kind=\"LowBalance\"} ",
                     "ossfunding_alert_conditions{kind=\"WatcherStalled\"} ",
                     "ossfunding_alert_conditions{kind=\"ExecutionBlocked\"} ",
                     "ossfunding_notices{kind=\"UnplannedOutflow\"} ",
                     "ossfunding_notices{kind=\"OwnersChanged\"} ",
                     "ossfunding_budget_cap{cycle=\"2025\",category=\"admin\",token=\"LPT\"} 250",
                     "ossfunding_budget_cycle_open{cycle=\"2025\"} ",
                 })
        {
            Assert.Contains(series, metrics, StringComparison.Ordinal);
        }

        // RPC calls per endpoint, named by index and host:port of Chain:RpcUrls (never a path, where keys live).
        Assert.True(RpcCallsOfFirstEndpoint().IsMatch(metrics),
            "no eth_chainId call of rpc[0] host:port in:\n" + string.Join('\n', metrics.Split('\n').Where(line => line.StartsWith("ossfunding_rpc_calls_total", StringComparison.Ordinal))));
    }

    /// <summary>The ossfunding_ families a /metrics text declares (its <c># TYPE</c> lines).</summary>
    internal static HashSet<string> ServedFamilies(string metrics) =>
        TypeLine().Matches(metrics).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^ossfunding_rpc_calls_total\{endpoint=""rpc\[0\] [a-z0-9.-]+:\d+"",method=""eth_chainId"",result=""ok""\} [1-9]", RegexOptions.Multiline)]
    private static partial Regex RpcCallsOfFirstEndpoint();

    [GeneratedRegex(@"^# TYPE (?<name>ossfunding_\w+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
