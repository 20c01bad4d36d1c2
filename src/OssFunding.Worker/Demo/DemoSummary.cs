using System.Numerics;
using System.Text.Json.Nodes;
using OssFunding.Devnet;

namespace OssFunding.Worker.Demo;

/// <summary>The demo's closing summary: the transaction, its execution and gas, every payment as the ledger recorded it, and the month's report.</summary>
internal static class DemoSummary
{
    public static async Task PrintAsync(DemoApi api, DevnetWorld world, JsonNode tx, string reportPath, CancellationToken cancellationToken)
    {
        var executionTxHash = tx["executionTxHash"]!.GetValue<string>();
        var receipt = await world.Chain.CreateWeb3().Eth.Transactions.GetTransactionReceipt.SendRequestAsync(executionTxHash)
                      ?? throw new DemoException($"no receipt for the execution {executionTxHash}");
        var payments = (await api.GetAsync("api/payments?period=2025-01", cancellationToken)).AsArray();
        var transactions = (await api.GetAsync("api/transactions", cancellationToken)).AsArray();

        Console.WriteLine();
        Console.WriteLine("== summary");
        Console.WriteLine($"Safe          {tx["safe"]} (chain {tx["chainId"]}, Safe {tx["safeVersion"]})");
        Console.WriteLine($"transactions  {transactions.Count}: {string.Join(", ", transactions.Select(t => $"nonce {t!["nonce"]} {t["status"]}"))}");
        Console.WriteLine($"safeTxHash    {tx["safeTxHash"]} (EIP-712 hash of the typed data the owners signed)");
        Console.WriteLine($"signatures    {string.Join(", ", tx["signatures"]!.AsArray().Select(s => $"{s!["owner"]} {s["type"]}"))}");
        Console.WriteLine($"executed in   {executionTxHash}, block {receipt.BlockNumber.Value}, gas used {receipt.GasUsed.Value} (from {receipt.From})");
        Console.WriteLine($"payments      {payments.Count} recorded from final Transfer logs:");
        foreach (var payment in payments)
        {
            Console.WriteLine($"  {payment!["allocationId"],-25} {payment["project"],-18} {payment["amount"],7} {payment["token"],-4} -> {payment["recipient"]}  tx {Short(payment["txHash"]!.GetValue<string>())} block {payment["blockNumber"]} log {payment["logIndex"]}");
        }

        foreach (var token in new[] { world.Lpt, world.Usdc })
        {
            var balance = await new OssFunding.Safe.Contracts.Erc20Contract(world.Chain.CreateWeb3(), token.Address).BalanceOfAsync(world.SafeAddress);
            Console.WriteLine($"Safe balance  {FormatUnits(balance, token.Decimals)} {token.Symbol}");
        }

        Console.WriteLine($"report        {reportPath}");
    }

    private static string Short(string hash) => $"{hash[..10]}…";

    private static string FormatUnits(BigInteger amount, int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var fraction = (amount % scale).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
        return fraction.Length == 0 ? (amount / scale).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{amount / scale}.{fraction}";
    }
}
