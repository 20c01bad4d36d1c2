using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Devnet;
using OssFunding.Pipeline;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Fake;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>
/// One test's worker pipeline in Signing:Mode=TransactionService, wired as the host wires it (AddPipeline +
/// AddTransactionService) on a fresh SQLite ledger (or the given PostgreSQL database), with its own fake service on loopback, against a shared devnet
/// that is reverted on dispose. The proposer is a delegate of owner 1, registered with the fake; its key is in a file.
/// </summary>
internal sealed class ServiceHarness : IAsyncDisposable
{
    public const string ApiKey = "devnet-api-key-7f3c";
    public const int Confirmations = 5;

    public static readonly DevnetAccount Proposer = DevnetAccount.FromLabel("proposer");

    /// <summary>Short waits so retries and outages cost milliseconds in tests.</summary>
    public static readonly TransactionServicePolicy FastPolicy = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(3), MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(300),
    };

    private readonly DevnetSnapshot snapshot;
    private readonly TempSqliteDatabase sqlite;

    private ServiceHarness(
        DevnetWorld world, DevnetSnapshot snapshot, TempSqliteDatabase sqlite, FakeTransactionService fake, ServiceProvider services, RecordedLogs logs)
    {
        Logs = logs;
        World = world;
        this.snapshot = snapshot;
        this.sqlite = sqlite;
        Fake = fake;
        Services = services;
    }

    public DevnetWorld World { get; }

    public FakeTransactionService Fake { get; }

    public RecordedLogs Logs { get; }

    public ServiceProvider Services { get; }

    public TransactionServiceSync Sync => Get<TransactionServiceSync>();

    public SignatureCollector Collector => Get<SignatureCollector>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ServiceHarness> StartAsync(DevnetWorlds devnet, SafeVersion version, string? postgres = null, bool registerDelegate = true)
    {
        var world = devnet.World(version);
        var snapshot = await devnet.Chain.Rpc.SnapshotScopeAsync();
        var fake = await FakeTransactionService.StartAsync(devnet.Chain.RpcUrl, ApiKey, devnet.Chain.ChainId);
        if (registerDelegate)
        {
            fake.RegisterDelegate(world.SafeAddress, Proposer.Address, world.Owners[0].Address);
        }

        var sqlite = new TempSqliteDatabase();
        var keyFile = Path.Combine(sqlite.Folder, "proposer.key");
        await File.WriteAllTextAsync(keyFile, Proposer.PrivateKey + "\n");

        var settings = postgres is null
            ? DevnetSettings.For(world, StorageProvider.Sqlite, sqlite.ConnectionString, Confirmations)
            : DevnetSettings.For(world, StorageProvider.Postgres, postgres, Confirmations);
        settings["Signing:Mode"] = nameof(SigningMode.TransactionService);
        settings["Signing:BaseUrl"] = fake.BaseUrl;
        settings["Signing:ApiKey"] = ApiKey;
        settings["Signing:ProposerKeyFile"] = keyFile;

        var logs = new RecordedLogs();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(logs));
        collection.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero)));
        collection.AddSingleton(new RpcPolicy { CallTimeout = TimeSpan.FromSeconds(5), RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        collection.AddSingleton(FastPolicy);
        collection.AddPipeline(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        collection.AddTransactionService();
        var harness = new ServiceHarness(world, snapshot, sqlite, fake, collection.BuildServiceProvider(validateScopes: true), logs);
        await harness.Get<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    public async Task ImportAsync(string csv)
    {
        var outcome = await Get<IAllocationImporter>().ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, false, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
    }

    public async Task<TransactionView> DraftAsync()
    {
        var outcome = await Get<Drafter>().DraftAsync(CancellationToken.None);
        Assert.True(outcome.Result == DraftResult.Drafted, outcome.Reason);
        return outcome.Transaction!;
    }

    /// <summary>The watcher mirrors the chain, then the confirmer derives from the mirror.</summary>
    public async Task<ConfirmerRun> SyncChainAsync()
    {
        await Get<ChainWatcher>().PollAsync(CancellationToken.None);
        return await Get<Confirmer>().RunAsync(CancellationToken.None);
    }

    public Task MineAsync(int blocks) => World.Chain.Rpc.MineAsync(blocks);

    public async Task<TransactionView> ViewAsync(string safeTxHash) =>
        await Get<TransactionQueries>().GetAsync(safeTxHash, CancellationToken.None) ?? throw new InvalidOperationException($"{safeTxHash} not found");

    /// <summary>Submits execTransaction from an account that is not an owner, with the ledger's signatures packed.</summary>
    public async Task<TransactionReceipt> ExecuteAsOutsiderAsync(string safeTxHash) =>
        await OutsiderExecution.ExecuteAsync(World, await ViewAsync(safeTxHash));

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Get<LedgerDatabase>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task<IReadOnlyList<string>> AllocationStatusesAsync()
    {
        await using var connection = await Get<LedgerDatabase>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT id || '=' || status FROM allocations ORDER BY id")).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
        sqlite.Dispose();
        await snapshot.DisposeAsync();
    }
}
