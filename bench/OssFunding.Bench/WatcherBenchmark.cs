using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Chain;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.TestSupport;
using OssFunding.Chain.Watcher;
using OssFunding.Core;
using OssFunding.Core.Storage;
using OssFunding.Devnet;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;

/// <summary>
/// <c>watcher</c>: builds a devnet history of N Safe executions (3-of-5, two approveHash + execTransaction each) with
/// G empty blocks after each (<c>anvil_mine</c>), then lets a fresh watcher catch up from block 0 through a counting
/// JSON-RPC proxy. Reports blocks/second and RPC calls against the floor ceil(blocks / MaxBlockRange) + one receipt
/// per execution, measured in the same run. Exit code 3 when calls exceed 1.5 × the floor.
/// Options: --executions N (200) --gap G (250) --range R (2000)
/// </summary>
internal static class WatcherBenchmark
{
    private const double Target = 1.5;

    public static async Task<int> RunAsync(string[] args)
    {
        var executions = Option(args, "--executions", 200);
        var gap = Option(args, "--gap", 250);
        var range = Option(args, "--range", 2000);

        // Cancun rules and no per-block states keep anvil_mine at a constant cost per block (see bench/README.md).
        await using var chain = await DevnetChain.StartAsync(new DevnetChainOptions { Hardfork = "cancun", PruneHistory = true });
        var world = await DevnetWorld.DeployAsync(chain, SafeVersion.V141);
        var history = Stopwatch.StartNew();
        await WatcherBenchmarkHistory.BuildAsync(world, executions, gap);
        var head = (long)await chain.Rpc.BlockNumberAsync();
        Console.Error.WriteLine($"history: {head + 1:N0} blocks, {executions} executions, built in {history.Elapsed.TotalSeconds:F0} s");

        await using var proxy = await FaultProxy.StartAsync(chain.RpcUrl);
        var folder = Directory.CreateTempSubdirectory("ossfunding-bench-watcher-").FullName;
        try
        {
            await using var services = Services(Path.Combine(folder, "ledger.db"), proxy.Url, world.SafeAddress, world.Lpt, range);
            await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
            var watcher = services.GetRequiredService<ChainWatcher>();

            var watch = Stopwatch.StartNew();
            PollResult result;
            do
            {
                result = await watcher.PollAsync(CancellationToken.None);
            }
            while (result.Position.Checkpoint < head);

            watch.Stop();
            await VerifyAsync(services.GetRequiredService<ChainMirrorReader>(), executions);
            return Report(head + 1, range, executions, watch.Elapsed, proxy);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Report(long blocks, int range, int executions, TimeSpan elapsed, FaultProxy proxy)
    {
        var floor = (int)((blocks + range - 1) / range) + executions;
        var calls = proxy.TotalCalls;
        var ratio = (double)calls / floor;
        Console.WriteLine("| blocks | Safe executions | MaxBlockRange | time | blocks/s | eth_getLogs | receipts | other calls | RPC calls | floor | calls / floor |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var logs = proxy.Count(RpcMethods.GetLogs);
        var receipts = proxy.Count(RpcMethods.GetTransactionReceipt);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {blocks:N0} | {executions} | {range:N0} | {elapsed.TotalSeconds:F2} s | {blocks / elapsed.TotalSeconds:N0} | {logs} | {receipts} | {calls - logs - receipts} | {calls} | {floor} | {ratio:F3} |"));
        Console.WriteLine(string.Join(", ", proxy.Calls.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}")));
        return ratio <= Target ? 0 : 3;
    }

    /// <summary>A measurement only counts if every execution and its transfer were mirrored.</summary>
    private static async Task VerifyAsync(ChainMirrorReader reader, int executions)
    {
        var mirrored = await reader.GetExecutionsAsync(0, CancellationToken.None);
        if (mirrored.Count != executions || mirrored.Any(e => !e.Success || e.Transfers.Count != 1))
        {
            throw new InvalidOperationException(
                $"The mirror holds {mirrored.Count} executions ({mirrored.Count(e => e.Transfers.Count == 1)} with one transfer), expected {executions}.");
        }
    }

    private static ServiceProvider Services(string databasePath, string rpcUrl, string safe, DevnetToken lpt, int range)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={databasePath}",
            ["Safe:Address"] = safe,
            ["Chain:ChainId"] = "42161",
            ["Chain:RpcUrls:0"] = rpcUrl,
            ["Chain:MaxBlockRange"] = range.ToString(CultureInfo.InvariantCulture),
            ["Chain:Finality"] = "Confirmations",
            ["Chain:Confirmations"] = "20",
            ["Chain:StartBlock"] = "0",
            [$"Tokens:{lpt.Symbol}:Address"] = lpt.Address,
            [$"Tokens:{lpt.Symbol}:Decimals"] = lpt.Decimals.ToString(CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddLogging().AddLedger(configuration).AddChainWatcher(configuration).BuildServiceProvider();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}

/// <summary>The chain history the watcher benchmark reads.</summary>
internal static class WatcherBenchmarkHistory
{
    public static async Task BuildAsync(DevnetWorld world, int executions, int gap)
    {
        var driver = new SafeDriver(world);
        for (var i = 1; i <= executions; i++)
        {
            var recipient = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress($"0x{i + 0x1000:x40}");
            await driver.PayAsync(new Payment(world.Lpt.Address, recipient, world.Lpt.ToBaseUnits(1m)));
            await world.Chain.Rpc.MineAsync(gap);
            if (i % 50 == 0)
            {
                Console.Error.WriteLine($"history: {i}/{executions} executions");
            }
        }
    }
}
