using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Devnet;
using OssFunding.Pipeline;
using OssFunding.Pipeline.Confirmation;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests.Support;

/// <summary>
/// The pipeline and the reports wired as the host wires them (<c>AddPipeline</c> then <c>AddReports</c>) on one SQLite
/// ledger against the devnet. The clock stands on 2025-01-20, inside the 2025 cycle and after the demo month's payments.
/// </summary>
internal sealed class ReportsHost : IAsyncDisposable
{
    public const int Confirmations = 5;

    private readonly bool ownsDatabase;

    private ReportsHost(ServiceProvider services, TempSqliteDatabase database, FakeTimeProvider clock, bool ownsDatabase)
    {
        this.ownsDatabase = ownsDatabase;
        Services = services;
        Sqlite = database;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public TempSqliteDatabase Sqlite { get; }

    public FakeTimeProvider Clock { get; }

    public LedgerDatabase Database => Get<LedgerDatabase>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ReportsHost> StartAsync(DevnetWorld world, TempSqliteDatabase database, IReadOnlyDictionary<string, string?>? overrides = null, bool ownsDatabase = false)
    {
        var settings = DevnetSettings.For(world, StorageProvider.Sqlite, database.ConnectionString, Confirmations);
        // Block 0 of a devnet keeps the wall-clock time; the watched history starts at block 1, in January 2025.
        settings["Chain:StartBlock"] = "1";
        settings["Reports:PublishFolder"] = Path.Combine(database.Folder, "published");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 20, 12, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton(new RpcPolicy { CallTimeout = TimeSpan.FromSeconds(5), RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        collection.AddPipeline(configuration);
        collection.AddReports(configuration);
        var services = collection.BuildServiceProvider(validateScopes: true);
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        return new ReportsHost(services, database, clock, ownsDatabase);
    }

    /// <summary>One turn of the host's jobs: the watcher mirrors the chain, the confirmer derives payments from it.</summary>
    public async Task SyncAsync()
    {
        await Get<ChainWatcher>().PollAsync(CancellationToken.None);
        await Get<Confirmer>().RunAsync(CancellationToken.None);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>Every row of the tables an off-chain payment touches, to prove a refusal changed nothing.</summary>
    public async Task<string> DumpPaymentStateAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var lines = new List<string>();
        foreach (var table in new[] { "allocations", "payments", "off_chain_payment_details" })
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY 1");
            lines.AddRange(rows.Cast<IDictionary<string, object?>>().Select(row =>
                table + ":" + string.Join('|', row.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))));
        }

        return string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (ownsDatabase)
        {
            Sqlite.Dispose();
        }
    }
}
