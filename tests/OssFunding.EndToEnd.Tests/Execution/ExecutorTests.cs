using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using OssFunding.Devnet;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Execution;

/// <summary>
/// The executor refuses an owner key, and a transaction whose simulation reverts stays ReadyToExecute with one alert.
/// SPEC §2 invariant 4 (no owner key in production).
/// </summary>
public sealed class ExecutorTests
{
    // TestToken's storage: name (0), symbol (1), totalSupply (2), balanceOf (3).
    private const int BalanceOfSlot = 3;

    [Fact]
    public async Task An_owner_key_as_executor_key_stops_the_start_with_a_line_naming_the_setting()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        var environment = scenario.Environment(executor: true);
        environment[Scenario.ExecutorKeyVariable] = scenario.World.Owners[0].PrivateKey;

        using var worker = WorkerProcess.Start(scenario.Folder, environment, "run");
        Assert.Equal(1, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Execution:ExecutorKeyEnv ({Scenario.ExecutorKeyVariable}): the executor account {scenario.World.Owners[0].Address} is an owner", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.World.Owners[0].PrivateKey[2..], worker.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.CurrentAndPrevious), MemberType = typeof(SafeVersionMatrix))]
    public async Task A_reverting_simulation_keeps_the_transaction_ready_alerts_once_and_executes_when_it_no_longer_reverts(SafeVersion version)
    {
        await using var scenario = await Scenario.StartAsync(version);
        var (_, api) = await scenario.StartWorkerAsync(scenario.Environment(executor: true));
        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign]);

        // The Safe's LPT vanishes before the last signature: the batch's transfers would fail, so execTransaction reverts:
        // GS013 up to 1.4.1; 1.5.0 bubbles the inner revert up, so the alert names the token's own reason.
        var lpt = scenario.World.Lpt;
        var slot = BalanceSlot(scenario.World.SafeAddress);
        var balance = await StorageAsync(scenario.Chain, lpt.Address, slot);
        await SetStorageAsync(scenario.Chain, lpt.Address, slot, new string('0', 64));
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.Eip712]);

        var alert = await WaitForAlertAsync(api, safeTxHash);
        Assert.Contains(version == SafeVersion.V150 ? "TestToken: transfer amount exceeds balance" : "GS013", alert, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more executor runs
        Assert.Equal("ReadyToExecute", await api.StatusOfAsync(safeTxHash));
        Assert.Single(await BlockedAlertsAsync(api, safeTxHash));
        Assert.Equal(0L, await ChainFacts.LedgerScalarAsync<long>(scenario.DatabasePath, "SELECT COUNT(*) FROM execution_submissions"));

        await SetStorageAsync(scenario.Chain, lpt.Address, slot, balance);
        await api.WaitForStatusAsync(safeTxHash, "Confirmed", TimeSpan.FromSeconds(60));
        await ChainFacts.AssertEachAllocationPaidOnceAsync(scenario.World);
    }

    private static async Task<string> WaitForAlertAsync(WorkerApi api, string safeTxHash)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var alerts = await BlockedAlertsAsync(api, safeTxHash);
            if (alerts.Count > 0)
            {
                return alerts[0];
            }

            Assert.True(DateTime.UtcNow < deadline, "no ExecutionBlocked alert within 30 s");
            await Task.Delay(250);
        }
    }

    private static async Task<IReadOnlyList<string>> BlockedAlertsAsync(WorkerApi api, string safeTxHash) =>
        (await api.GetAsync($"api/alerts?safeTxHash={safeTxHash}")).AsArray()
            .Where(n => n!["kind"]!.GetValue<string>() == "ExecutionBlocked")
            .Select(n => n!["payload"]!["summary"]!.GetValue<string>())
            .ToList();

    private static string BalanceSlot(string holder) =>
        Sha3Keccack.Current.CalculateHash(
            holder.HexToByteArray().PadLeft(32).Concat(new BigInteger(BalanceOfSlot).ToByteArray(isUnsigned: true, isBigEndian: true).PadLeft(32)).ToArray())
            .ToHex(true);

    private static Task<string> StorageAsync(DevnetChain chain, string contract, string slot) =>
        chain.CreateWeb3().Client.SendRequestAsync<string>("eth_getStorageAt", null, contract, slot, "latest");

    private static Task<bool> SetStorageAsync(DevnetChain chain, string contract, string slot, string value) =>
        chain.CreateWeb3().Client.SendRequestAsync<bool>("anvil_setStorageAt", null, contract, slot,
            "0x" + value.Replace("0x", "", StringComparison.Ordinal).PadLeft(64, '0'));
}

internal static class ByteArrays
{
    public static byte[] PadLeft(this byte[] bytes, int length) => [.. new byte[length - bytes.Length], .. bytes];
}
