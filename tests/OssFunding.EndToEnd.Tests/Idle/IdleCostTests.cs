using System.Globalization;
using System.Text.RegularExpressions;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;

namespace OssFunding.EndToEnd.Tests.Idle;

/// <summary>
/// SPEC §10: with nothing to do, the watcher costs O(1) RPC calls per poll, not per block. Counted by the worker's own
/// <c>ossfunding_rpc_calls_total</c> metric at <c>/metrics</c>, across several polls.
/// </summary>
public sealed partial class IdleCostTests
{
    [Fact]
    public async Task An_idle_worker_makes_at_most_one_rpc_call_per_poll_and_a_burst_of_blocks_costs_a_few_calls()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        await scenario.Chain.Rpc.SetIntervalMiningAsync(TimeSpan.Zero); // no new blocks: nothing to do
        var (_, api) = await scenario.StartWorkerAsync(scenario.Environment(executor: false));
        await WaitUntilCaughtUpAsync(api);

        var before = await RpcCallsAsync(api);
        var polls = 6;
        await Task.Delay(TimeSpan.FromSeconds(polls)); // Chain:PollInterval is 1 s
        var idle = Delta(before, await RpcCallsAsync(api));
        // Each idle poll reads the head once; nothing else.
        Assert.InRange(idle.Values.Sum(), 1, polls + 1);
        Assert.Equal(0, idle.GetValueOrDefault("eth_getLogs"));

        await scenario.Chain.Rpc.MineAsync(200);
        before = await RpcCallsAsync(api);
        await WaitUntilCaughtUpAsync(api);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var burst = Delta(before, await RpcCallsAsync(api));
        // 200 new blocks fit in one eth_getLogs range: a handful of calls, nowhere near one per block.
        Assert.InRange(burst.Values.Sum(), 2, 12);
    }

    private static async Task WaitUntilCaughtUpAsync(WorkerApi api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var metrics = await MetricsAsync(api);
            var head = Gauge(metrics, "ossfunding_watcher_head_block");
            if (head > 0 && head == Gauge(metrics, "ossfunding_watcher_checkpoint_block"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the watcher did not catch up:\n{metrics}");
            await Task.Delay(200);
        }
    }

    private static async Task<Dictionary<string, double>> RpcCallsAsync(WorkerApi api) =>
        RpcCallPattern().Matches(await MetricsAsync(api))
            .GroupBy(match => match.Groups["method"].Value)
            .ToDictionary(group => group.Key, group => group.Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));

    private static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(pair => pair.Key, pair => pair.Value - before.GetValueOrDefault(pair.Key));

    private static async Task<string> MetricsAsync(WorkerApi api) => (await api.SendAsync(HttpMethod.Get, "metrics")).Body;

    private static double Gauge(string metrics, string name) =>
        Regex.Match(metrics, $"^{name} (?<value>\\S+)$", RegexOptions.Multiline) is { Success: true } match
            ? double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)
            : -1;

    [GeneratedRegex("^ossfunding_rpc_calls_total\\{endpoint=\"[^\"]+\",method=\"(?<method>[^\"]+)\",result=\"[^\"]+\"\\} (?<value>\\S+)$", RegexOptions.Multiline)]
    private static partial Regex RpcCallPattern();
}
