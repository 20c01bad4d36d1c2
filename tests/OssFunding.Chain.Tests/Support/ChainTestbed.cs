using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Support;

/// <summary>
/// One test's world: anvil with the real Safe contracts (3-of-5 Safe, LPT and USDC), the fault proxy in front of it,
/// and a fresh ledger database. Watchers are built on demand, like fresh processes after a crash.
/// </summary>
internal sealed class ChainTestbed : IAsyncDisposable
{
    /// <summary>Fast enough for tests, same shape as production.</summary>
    public static readonly RpcPolicy FastPolicy = new()
    {
        CallTimeout = TimeSpan.FromSeconds(2),
        MaxRetryAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        BreakerMinimumThroughput = 3,
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private readonly TempSqliteDatabase? sqlite;

    private ChainTestbed(DevnetChain chain, DevnetWorld world, FaultProxy proxy, LedgerTestHost ledger, TempSqliteDatabase? sqlite)
    {
        Chain = chain;
        World = world;
        Proxy = proxy;
        Ledger = ledger;
        this.sqlite = sqlite;
        Driver = new SafeDriver(world);
        Reader = new ChainMirrorReader(ledger.Database, Options.Create(new SafeOptions { Address = world.SafeAddress }));
    }

    public DevnetChain Chain { get; }

    public DevnetWorld World { get; }

    public FaultProxy Proxy { get; }

    public LedgerTestHost Ledger { get; }

    public SafeDriver Driver { get; }

    public ChainMirrorReader Reader { get; }

    public RecordingRewindListener Listener { get; } = new();

    /// <param name="postgresConnectionString">Runs the ledger on this PostgreSQL database instead of a SQLite file.</param>
    public static async Task<ChainTestbed> StartAsync(SafeVersion version = SafeVersion.V141, string? postgresConnectionString = null)
    {
        var chain = await DevnetChain.StartAsync();
        try
        {
            var world = await DevnetWorld.DeployAsync(chain, version);
            var proxy = await FaultProxy.StartAsync(chain.RpcUrl);
            var sqlite = postgresConnectionString is null ? new TempSqliteDatabase() : null;
            var ledger = sqlite is null
                ? await LedgerTestHost.StartAsync(StorageProvider.Postgres, postgresConnectionString!)
                : await LedgerTestHost.StartAsync(StorageProvider.Sqlite, sqlite.ConnectionString);
            return new ChainTestbed(chain, world, proxy, ledger, sqlite);
        }
        catch
        {
            await chain.DisposeAsync();
            throw;
        }
    }

    public ChainOptions ChainOptions(Action<ChainOptions>? configure = null)
    {
        var options = new ChainOptions
        {
            ChainId = Chain.ChainId,
            RpcUrls = [Proxy.Url],
            // anvil runs on chain id 42161, whose default is the finalized tag: tests count confirmations unless they say.
            Finality = FinalityMode.Confirmations,
            Confirmations = 5,
            MaxBlockRange = 2000,
            StartBlock = 0,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The Tokens section of the devnet: LPT and USDC.</summary>
    public TokensOptions TokensOptions() => new()
    {
        [World.Lpt.Symbol] = new TokenOptions { Address = World.Lpt.Address, Decimals = World.Lpt.Decimals },
        [World.Usdc.Symbol] = new TokenOptions { Address = World.Usdc.Address, Decimals = World.Usdc.Decimals },
    };

    /// <summary>A watcher as a freshly started process would build it: new RPC client, breakers and range state.</summary>
    public ChainWatcher NewWatcher(
        Action<ChainOptions>? configure = null, CatchUpProgress? catchUp = null, IWatcherRangeObserver? observer = null)
    {
        var options = Options.Create(ChainOptions(configure));
        return new ChainWatcher(
            new ChainRpc(options, FastPolicy, NullLogger<ChainRpc>.Instance), Ledger.Database, options,
            Options.Create(new SafeOptions { Address = World.SafeAddress }), Options.Create(TokensOptions()),
            [Listener], NullLogger<ChainWatcher>.Instance, TimeProvider.System, observer is null ? null : [observer], catchUp);
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Ledger.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Every mirror row, one line each, to compare two databases or a before and after.</summary>
    public async Task<IReadOnlyList<string>> DumpMirrorAsync()
    {
        await using var connection = await Ledger.Database.OpenAsync(CancellationToken.None);
        var lines = new List<string>();
        foreach (var (table, order) in new[] { ("chain_safe_events", "tx_hash, log_index"), ("chain_transfers", "tx_hash, log_index") })
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY {order}");
            lines.AddRange(rows.Cast<IDictionary<string, object?>>().Select(row =>
                table + ":" + string.Join('|', row.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"))));
        }

        return lines;
    }

    public async Task<(long Number, string? Hash)> CheckpointAsync()
    {
        await using var connection = await Ledger.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<(long, string?)>(
            "SELECT block_number, block_hash FROM chain_checkpoint WHERE safe = @safe", new { safe = World.SafeAddress });
    }

    public async Task<long> HeadAsync() => (long)await Chain.Rpc.BlockNumberAsync();

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Ledger.DisposeAsync();
        sqlite?.Dispose();
        await Chain.DisposeAsync();
    }
}

/// <summary>Remembers every rewind it was told about, and can be made to fail.</summary>
internal sealed class RecordingRewindListener : IChainRewindListener
{
    public List<long> Ancestors { get; } = [];

    public bool Fail { get; set; }

    public Task OnRewoundAsync(long ancestorBlock, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("listener refused the rewind");
        }

        Ancestors.Add(ancestorBlock);
        return Task.CompletedTask;
    }
}
