using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OssFunding.Chain;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Tests.Support;
using OssFunding.Chain.Watcher;
using OssFunding.Core;
using OssFunding.Core.Storage;
using OssFunding.Devnet;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;

namespace OssFunding.Bench.CatchUp;

/// <summary>
/// <c>catchup</c>: a year of Arbitrum One (126,000,000 blocks) behind a provider's limits, synced by the worker's own
/// <see cref="ChainWatcher"/> from the Safe's creation block (Chain:StartBlock unset). The history is real: N Safe
/// executions on anvil (3-of-5 Safe 1.4.1, two approveHash + execTransaction each, 1 LPT each), their logs and receipts
/// recorded and re-based over the year by <see cref="SyntheticChain"/>, served by <see cref="SyntheticChainServer"/>.
/// Reports RPC calls by method, wall time and the calls the 2,000-block cap would need (computed from its range count).
/// Exit 3 when a target is missed: ≤ 3,000 calls, ≥ 40× fewer than the 2,000-block cap, every execution mirrored once.
/// Options: --executions N (300) --blocks B (126000000) --catch-up-range R (Chain:CatchUpMaxBlockRange, 100000)
/// --rate Q (the provider's requests per second, 25; the worker is set to Q − 1)
/// </summary>
internal static class CatchUpBenchmark
{
    private const int MaxCalls = 3_000;
    private const double MinAdvantage = 40;
    private const int BaselineRange = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var executions = Option(args, "--executions", 300);
        var blocks = Option(args, "--blocks", 126_000_000L);
        var catchUpRange = Option(args, "--catch-up-range", 100_000);
        var rate = Option(args, "--rate", 25);

        var chain = await RecordAsync(executions, blocks);
        await using var server = await SyntheticChainServer.StartAsync(chain, 42161, rate);
        Console.Error.WriteLine($"synthetic chain: blocks 0..{chain.Head:N0}, Safe created in block {chain.CreationBlock}, {chain.Executions} executions, at {server.Url}");
        var folder = Directory.CreateTempSubdirectory("ossfunding-bench-catchup-").FullName;
        try
        {
            await using var services = Services(Path.Combine(folder, "ledger.db"), server.Url, chain, catchUpRange, rate - 1);
            await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
            var watcher = services.GetRequiredService<ChainWatcher>();
            var (elapsed, failedPolls) = await SyncAsync(watcher, chain.Head);
            var mirrored = await MirroredOnceAsync(services.GetRequiredService<ChainMirrorReader>(), chain);
            return Report(chain, server, elapsed, failedPolls, mirrored, catchUpRange);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SyntheticChain> RecordAsync(int executions, long blocks)
    {
        await using var anvil = await DevnetChain.StartAsync(new DevnetChainOptions { Hardfork = "cancun", PruneHistory = true });
        var world = await DevnetWorld.DeployAsync(anvil, SafeVersion.V141);
        var history = Stopwatch.StartNew();
        var driver = new SafeDriver(world);
        for (var i = 1; i <= executions; i++)
        {
            var recipient = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress($"0x{i + 0x1000:x40}");
            await driver.PayAsync(new Payment(world.Lpt.Address, recipient, world.Lpt.ToBaseUnits(1m)));
            if (i % 100 == 0)
            {
                Console.Error.WriteLine($"anvil: {i}/{executions} executions");
            }
        }

        var chain = await SyntheticChain.RecordAsync(anvil.RpcUrl, world.SafeAddress, world.Lpt.Address, blocks);
        Console.Error.WriteLine($"anvil: {executions} executions recorded in {history.Elapsed.TotalSeconds:F0} s");
        return chain;
    }

    /// <summary>Polls as the worker's job does (a failed poll is retried by the next one) until the checkpoint is the head.</summary>
    private static async Task<(TimeSpan Elapsed, int FailedPolls)> SyncAsync(ChainWatcher watcher, long head)
    {
        var (watch, failed) = (Stopwatch.StartNew(), 0);
        while (true)
        {
            try
            {
                if ((await watcher.PollAsync(CancellationToken.None)).Position.Checkpoint >= head)
                {
                    return (watch.Elapsed, failed);
                }
            }
            catch (Exception exception) when (++failed < 20)
            {
                Console.Error.WriteLine($"poll failed ({exception.GetType().Name}: {exception.Message}); polling again");
            }
        }
    }

    /// <summary>Every execution of the chain in the mirror exactly once, at its re-based block, with its one transfer.</summary>
    private static async Task<int> MirroredOnceAsync(ChainMirrorReader reader, SyntheticChain chain)
    {
        var mirrored = await reader.GetExecutionsAsync(0, CancellationToken.None);
        var distinct = mirrored.Select(execution => execution.TxHash).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var exact = mirrored.Count == distinct
                    && mirrored.All(execution => execution.Success && execution.Transfers.Count == 1
                                                 && chain.Receipt(execution.TxHash) is { } receipt
                                                 && SyntheticChain.Hex(receipt["blockNumber"]!) == execution.BlockNumber);
        return exact ? distinct : -mirrored.Count;
    }

    private static int Report(SyntheticChain chain, SyntheticChainServer server, TimeSpan elapsed, int failedPolls, int mirrored, int catchUpRange)
    {
        var year = chain.Head - chain.CreationBlock + 1;
        var baseline = BaselineCalls(year, chain.Executions);
        var calls = server.TotalCalls;
        var advantage = (double)baseline / calls;
        var mirrorExact = mirrored == chain.Executions;
        Console.WriteLine("| blocks synced | Safe executions | CatchUpMaxBlockRange | wall time | blocks/s | RPC calls | 429s | refusals | failed polls | 2,000-block cap (computed) | fewer calls | mirror |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {year:N0} | {chain.Executions} | {catchUpRange:N0} | {elapsed.TotalSeconds:F0} s | {year / elapsed.TotalSeconds:N0} | {calls:N0} | {server.RateLimited} | {server.RangeRefusals} | {failedPolls} | {baseline:N0} | {advantage:F1}× | {(mirrorExact ? $"{mirrored} of {chain.Executions}, each once" : $"NOT EXACT ({Math.Abs(mirrored)} rows)")} |"));
        Console.WriteLine("calls by method: " + string.Join(", ", server.Calls.Select(pair => $"{pair.Key} {pair.Value:N0}")) + $", HTTP 429 {server.RateLimited}");
        var missed = new List<string>();
        if (calls > MaxCalls)
        {
            missed.Add($"{calls:N0} calls > {MaxCalls:N0}");
        }

        if (advantage < MinAdvantage)
        {
            missed.Add($"{advantage:F1}× fewer calls than the 2,000-block cap < {MinAdvantage}×");
        }

        if (!mirrorExact)
        {
            missed.Add("the mirror does not hold every execution exactly once");
        }

        Console.WriteLine(missed.Count == 0 ? "targets met" : "TARGET MISSED: " + string.Join("; ", missed));
        return missed.Count == 0 ? 0 : 3;
    }

    /// <summary>
    /// Calls of the same sync at ranges of 2,000 blocks, computed from its range count (a lower bound: the creation
    /// search, head reads and refusals left out): two eth_getLogs per range (Safe events, token transfers), a receipt
    /// per execution, and per window of ranges (1, 2, 4 … up to the watcher's window) one nonce read and one header.
    /// </summary>
    private static long BaselineCalls(long blocks, int executions)
    {
        var ranges = (blocks + BaselineRange - 1) / BaselineRange;
        var (windows, size) = (0L, 1L);
        for (var left = ranges; left > 0; left -= size, size = Math.Min(ChainWatcher.MaxRangesPerWindow, size * 2))
        {
            windows++;
        }

        return (2 * ranges) + executions + (2 * windows);
    }

    private static ServiceProvider Services(string databasePath, string rpcUrl, SyntheticChain chain, int catchUpRange, int requestsPerSecond)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={databasePath}",
            ["Safe:Address"] = chain.Safe,
            ["Chain:ChainId"] = "42161",
            ["Chain:RpcUrls:0"] = rpcUrl,
            ["Chain:CatchUpMaxBlockRange"] = catchUpRange.ToString(CultureInfo.InvariantCulture),
            ["Chain:MaxRequestsPerSecond"] = requestsPerSecond.ToString(CultureInfo.InvariantCulture),
            // The devnet's LPT stand-in: the synthetic chain holds its Transfer logs from the Safe.
            ["Tokens:LPT:Address"] = chain.Token,
            ["Tokens:LPT:Decimals"] = "18",
        }).Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Information))
            .AddLedger(configuration).AddChainWatcher(configuration).BuildServiceProvider();
    }

    private static T Option<T>(string[] args, string name, T fallback)
        where T : struct, IParsable<T>, IComparable<T>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && T.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value)
               && value.CompareTo(default) > 0
            ? value
            : fallback;
    }
}

/// <summary>The watcher's and the catch-up's Information lines on stderr, so a run shows its progress as an operator sees it.</summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Line(categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Line(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
