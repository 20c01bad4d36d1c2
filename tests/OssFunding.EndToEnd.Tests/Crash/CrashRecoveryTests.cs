using OssFunding.Devnet;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Crash;

/// <summary>
/// The worker process is killed with SIGKILL at a failpoint (it logs "failpoint {Name} reached" and blocks there), then
/// restarted without it; the same idempotent flow runs again. The state must converge: the transaction Confirmed, every
/// allocation Paid exactly once, counted from the on-chain Transfer logs, and at most one execution ever signed.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("AfterDraftPersisted")]
    [InlineData("AfterSignatureAccepted")]
    [InlineData("BeforeExecutionBroadcast")]
    [InlineData("AfterExecutionSubmitted")]
    [InlineData("InWatcherBatch")]
    public async Task Killed_at_a_failpoint_and_restarted_pays_each_allocation_exactly_once(string failPoint)
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        // Small ranges so one watcher poll has several of them (the failpoint sits between two).
        var extra = new Dictionary<string, string> { ["Chain__MaxBlockRange"] = "4", ["Chain__CatchUpMaxBlockRange"] = "4" };
        var (first, firstApi) = await scenario.StartWorkerAsync(scenario.Environment(executor: true, failPoint, extra));

        var marker = first.WaitForLineAsync("failpoint", failPoint, "reached");
        var flow = DriveAsync(firstApi, scenario.World);
        var timeout = Task.Delay(Patience);
        var finished = await Task.WhenAny(marker, flow, timeout);
        if (finished == flow && flow.IsCompletedSuccessfully)
        {
            // The executor's failpoints come after the last signature: the flow is done, the worker goes on.
            finished = await Task.WhenAny(marker, timeout);
        }

        Assert.True(finished == marker, $"failpoint {failPoint} was not reached ({flow.Exception?.GetBaseException().Message ?? "timeout"}):\n{first.Output}");
        if (failPoint == "InWatcherBatch")
        {
            // The watcher is stuck half-way; the rest of the worker goes on and executes: the restart must mirror it.
            await WithTimeout(first.WaitForLineAsync("Broadcast execution"), first);
        }

        first.KillHard();
        await Task.WhenAny(flow); // the request in flight died with the process

        var (second, api) = await scenario.StartWorkerAsync(scenario.Environment(executor: true, extra: extra));
        var safeTxHash = await DriveAsync(api, scenario.World);
        var tx = await api.WaitForStatusAsync(safeTxHash, "Confirmed", Patience);

        await ChainFacts.AssertEachAllocationPaidOnceAsync(scenario.World);
        var payments = (await api.GetAsync("api/payments?period=2025-01")).AsArray();
        var allocations = ChainFacts.SampleAllocations(scenario.World);
        Assert.Equal(allocations.Select(a => a.Id).Order(), payments.Select(p => p!["allocationId"]!.GetValue<string>()).Order());
        Assert.Single((await api.GetAsync("api/transactions")).AsArray());
        // Persist before publish: one signed execution, and the one on chain is that very transaction.
        var submissions = await ChainFacts.LedgerColumnAsync(scenario.DatabasePath, "SELECT tx_hash FROM execution_submissions");
        Assert.Equal([tx["executionTxHash"]!.GetValue<string>()], submissions);
        if (failPoint == "BeforeExecutionBroadcast")
        {
            Assert.Contains($"Re-broadcast execution {submissions[0]}", second.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Import, draft (or find the live draft), three API signatures: each step idempotent, so it can run again after a crash.</summary>
    private static async Task<string> DriveAsync(WorkerApi api, DevnetWorld world)
    {
        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, world, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.Eip712]);
        return safeTxHash;
    }

    private static async Task WithTimeout(Task task, WorkerProcess worker)
    {
        if (await Task.WhenAny(task, Task.Delay(Patience)) != task)
        {
            Assert.Fail($"timed out waiting:\n{worker.Output}");
        }
    }
}
