using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Flow;

/// <summary>The samples month through the real worker process: drafted, signed three ways, executed, confirmed, paid once.</summary>
public sealed class HappyPathTests
{
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.CurrentAndPrevious), MemberType = typeof(SafeVersionMatrix))]
    public async Task Samples_are_paid_by_the_workers_executor(SafeVersion version)
    {
        await using var scenario = await Scenario.StartAsync(version);
        var (worker, api) = await scenario.StartWorkerAsync(scenario.Environment(executor: true));

        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.ApproveHash]);
        var tx = await api.WaitForStatusAsync(safeTxHash, "Confirmed", ConfirmTimeout);

        var execution = tx["executionTxHash"]!.GetValue<string>();
        var receipt = await scenario.Chain.CreateWeb3().Eth.Transactions.GetTransactionReceipt.SendRequestAsync(execution);
        Assert.Equal(scenario.World.Deployer.Address.ToLowerInvariant(), receipt.From.ToLowerInvariant());
        Assert.Equal(execution, await ChainFacts.LedgerScalarAsync<string>(scenario.DatabasePath, "SELECT tx_hash FROM execution_submissions"));
        Assert.Equal(["ApprovedHash", "Eip712", "EthSign"], tx["signatures"]!.AsArray().Select(s => s!["type"]!.GetValue<string>()).Order());
        await AssertPaidAsync(scenario, api, execution);
        Assert.Contains(safeTxHash, worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_executed_by_an_outside_account_are_confirmed_on_Safe_1_3_0()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V130);
        var environment = scenario.Environment(executor: false);
        var (_, api) = await scenario.StartWorkerAsync(environment);

        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.EthSign, SigningWay.ApproveHash]);
        await api.WaitForStatusAsync(safeTxHash, "AwaitingSignatures", ConfirmTimeout);
        await SignWithCliAsync(scenario, environment, safeTxHash);
        var ready = await api.WaitForStatusAsync(safeTxHash, "ReadyToExecute", ConfirmTimeout);

        var receipt = await PaymentFlow.ExecuteAsOutsiderAsync(scenario, ready);
        var tx = await api.WaitForStatusAsync(safeTxHash, "Confirmed", ConfirmTimeout);
        Assert.Equal(receipt, tx["executionTxHash"]!.GetValue<string>());
        Assert.Equal(0L, await ChainFacts.LedgerScalarAsync<long>(scenario.DatabasePath, "SELECT COUNT(*) FROM execution_submissions"));
        await AssertPaidAsync(scenario, api, receipt);
    }

    /// <summary>The third owner signs with the CLI (<c>sign SAFE_TX_HASH --key-env VAR</c>) against the same ledger.</summary>
    private static async Task SignWithCliAsync(Scenario scenario, Dictionary<string, string> environment, string safeTxHash)
    {
        var owner = scenario.World.Owners[2];
        var cli = new Dictionary<string, string>(environment) { ["OWNER_KEY"] = owner.PrivateKey };
        using var sign = WorkerProcess.Start(scenario.Folder, cli, "sign", safeTxHash, "--key-env", "OWNER_KEY");
        Assert.True(await sign.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, sign.Output);
        Assert.Contains($"signing {safeTxHash} as {owner.Address}", sign.Output, StringComparison.Ordinal);
        Assert.Contains("ok (201)", sign.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.PrivateKey[2..], sign.Output, StringComparison.OrdinalIgnoreCase);

        using var list = WorkerProcess.Start(scenario.Folder, environment, "tx", "list");
        Assert.True(await list.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, list.Output);
        Assert.Contains(safeTxHash, list.Output, StringComparison.Ordinal);

        // The CLI prints the same resource as the API: amounts are decimal strings, never JSON numbers.
        using var show = WorkerProcess.Start(scenario.Folder, environment, "tx", "show", safeTxHash);
        Assert.True(await show.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, show.Output);
        Assert.Matches("\"amount\": \"[0-9.]+\"", show.Output);
        Assert.DoesNotMatch("\"amount\": [0-9]", show.Output);

        using var status = WorkerProcess.Start(scenario.Folder, environment, "status");
        Assert.True(await status.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, status.Output);
        Assert.Matches("\"cap\": \"[0-9.]+\"", status.Output);
        Assert.DoesNotMatch("\"(cap|allocated|paid|remaining)\": [0-9]", status.Output);
    }

    /// <summary>Every allocation Paid with the execution's tx hash, block and log index; chain and ledger agree.</summary>
    private static async Task AssertPaidAsync(Scenario scenario, WorkerApi api, string executionTxHash)
    {
        var allocations = ChainFacts.SampleAllocations(scenario.World);
        var payments = (await api.GetAsync("api/payments?period=2025-01")).AsArray();
        Assert.Equal(allocations.Count, payments.Count);
        Assert.All(payments, payment =>
        {
            Assert.Equal(executionTxHash, payment!["txHash"]!.GetValue<string>());
            Assert.True(payment["blockNumber"]!.GetValue<long>() > 0);
        });
        Assert.Equal(allocations.Count, payments.Select(p => p!["logIndex"]!.GetValue<long>()).Distinct().Count());
        Assert.Equal(allocations.Select(a => a.Id).Order(), payments.Select(p => p!["allocationId"]!.GetValue<string>()).Order());
        var statuses = (await api.GetAsync("api/allocations")).AsArray().Select(a => a!["status"]!.GetValue<string>()).Distinct();
        Assert.Equal(["Paid"], statuses);

        await ChainFacts.AssertEachAllocationPaidOnceAsync(scenario.World);
        var lpt = allocations.Where(a => a.Token == "LPT").Aggregate(BigInteger.Zero, (sum, a) => sum + a.Amount);
        var balance = await new Erc20Contract(scenario.Chain.CreateWeb3(), scenario.World.Lpt.Address).BalanceOfAsync(scenario.World.SafeAddress);
        Assert.Equal(scenario.World.Lpt.ToBaseUnits(5_000m) - lpt, balance);
    }
}
