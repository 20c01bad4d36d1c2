using System.Globalization;
using System.Text.RegularExpressions;
using OssFunding.Safe.Transactions;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.TestSupport;

namespace OssFunding.EndToEnd.Tests.Evidence;

/// <summary>
/// SPEC §2 (an allocation is paid at most once) and §5/§10 (positive evidence; an RPC answer is evidence, not truth),
/// through the real worker process and loopback JSON-RPC proxies: an outside account executes the worker's fully
/// signed transaction while the node answering <c>eth_getLogs</c> says <c>[]</c> (it has not caught up; the head it
/// reports comes from a current node). The worker must not supersede the executed transaction nor put its
/// allocations back to Approved; once the logs appear, the payments are recorded, each allocation paid once.
/// </summary>
public sealed partial class LaggingLogsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Nodes => new() { "one node", "failover to a lagging node" };

    [Theory]
    [MemberData(nameof(Nodes))]
    public async Task An_execution_missing_from_the_logs_is_not_superseded_and_is_paid_once_the_logs_appear(string nodes)
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        await using var down = await FaultProxy.StartAsync(scenario.Chain.RpcUrl);
        await using var lagging = await FaultProxy.StartAsync(scenario.Chain.RpcUrl);
        var urls = nodes == "one node"
            ? new Dictionary<string, string> { ["Chain__RpcUrls__0"] = lagging.Url }
            : new Dictionary<string, string> { ["Chain__RpcUrls__0"] = down.Url, ["Chain__RpcUrls__1"] = lagging.Url };
        var (_, api) = await scenario.StartWorkerAsync(scenario.Environment(executor: false, extra: urls));
        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.Eip712]);
        var ready = await api.WaitForStatusAsync(safeTxHash, "ReadyToExecute", Timeout);

        // From here the first node refuses logs (after the switch the worker reads them from the second one), and the
        // node that answers them has not caught up.
        down.Inject(FaultKind.Http500, "eth_getLogs");
        lagging.Inject(FaultKind.EmptyLogs, "eth_getLogs");
        var execution = await PaymentFlow.ExecuteAsOutsiderAsync(scenario, ready);
        var executedAt = (long)(await scenario.Chain.CreateWeb3().Eth.Transactions.GetTransactionReceipt.SendRequestAsync(execution)).BlockNumber.Value;

        // Well past final depth, with a confirmer run every poll: nothing may conclude from the missing logs.
        await WaitForHeadAsync(scenario, executedAt + (2 * Scenario.Confirmations) + 2);
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more polls and confirmer runs at that head
        Assert.Equal("ReadyToExecute", await api.StatusOfAsync(safeTxHash));
        Assert.Equal(["Queued"], await AllocationStatusesAsync(api));
        var notices = (await api.GetAsync("api/alerts?all=true")).AsArray().Select(n => n!["kind"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("TxSuperseded", notices);
        await WaitForInconsistentRangesAsync(api, 2); // the watcher saw the gap and refused to move over it

        lagging.ClearFaults();
        var tx = await api.WaitForStatusAsync(safeTxHash, "Confirmed", Timeout);
        Assert.Equal(execution, tx["executionTxHash"]!.GetValue<string>());
        Assert.Equal(["Paid"], await AllocationStatusesAsync(api));
        await ChainFacts.AssertEachAllocationPaidOnceAsync(scenario.World);
    }

    private static async Task<IReadOnlyList<string>> AllocationStatusesAsync(WorkerApi api) =>
        (await api.GetAsync("api/allocations")).AsArray().Select(a => a!["status"]!.GetValue<string>()).Distinct().ToList();

    private static async Task WaitForHeadAsync(Scenario scenario, long block)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while ((long)(await scenario.Chain.Rpc.BlockNumberAsync()) < block)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the chain did not reach block {block}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the watcher has refused at least <paramref name="count"/> inconsistent ranges (its own metric).</summary>
    private static async Task WaitForInconsistentRangesAsync(WorkerApi api, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var (_, metrics) = await api.SendAsync(HttpMethod.Get, "metrics");
            var match = InconsistentRanges().Match(metrics);
            if (match.Success && double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the watcher refused fewer than {count} ranges:\n{metrics}");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex("^ossfunding_watcher_inconsistent_ranges_total (?<value>\\S+)$", RegexOptions.Multiline)]
    private static partial Regex InconsistentRanges();
}
