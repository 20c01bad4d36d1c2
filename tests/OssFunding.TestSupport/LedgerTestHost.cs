using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core;
using OssFunding.Core.Allocations;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;
using OssFunding.Core.Projects;
using OssFunding.Core.Storage;

namespace OssFunding.TestSupport;

/// <summary>
/// The ledger as the worker wires it (<see cref="LedgerServiceCollectionExtensions.AddLedger"/>), on a real database,
/// with the budget of the repository's appsettings.json and devnet-style Safe and token addresses.
/// </summary>
public sealed class LedgerTestHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private LedgerTestHost(ServiceProvider services) => this.services = services;

    public IAllocationImporter Importer => services.GetRequiredService<IAllocationImporter>();

    public IAllocationStore Allocations => services.GetRequiredService<IAllocationStore>();

    public IProjectRegistry Projects => services.GetRequiredService<IProjectRegistry>();

    public IBudgetQueries Budget => services.GetRequiredService<IBudgetQueries>();

    public ILedgerMigrator Migrator => services.GetRequiredService<ILedgerMigrator>();

    public LedgerDatabase Database => services.GetRequiredService<LedgerDatabase>();

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Settings in configuration-key form; <paramref name="overrides"/> replace or add keys (null removes).</summary>
    public static Dictionary<string, string?> DefaultSettings(StorageProvider provider, string connectionString) => new()
    {
        ["Storage:Provider"] = provider.ToString(),
        ["Storage:ConnectionString"] = connectionString,
        ["Safe:Address"] = TestAddresses.Safe,
        ["Tokens:LPT:Address"] = TestAddresses.Lpt,
        ["Tokens:LPT:Decimals"] = "18",
        ["Tokens:USDC:Address"] = TestAddresses.Usdc,
        ["Tokens:USDC:Decimals"] = "6",
        ["Budget:Cycles:0:Name"] = "2025",
        ["Budget:Cycles:0:FirstPeriod"] = "2025-01",
        ["Budget:Cycles:0:LastPeriod"] = "2025-12",
        ["Budget:Cycles:0:Caps:projects:LPT"] = "4000",
        ["Budget:Cycles:0:Caps:projects:USDC"] = "20000",
        ["Budget:Cycles:0:Caps:admin:LPT"] = "250",
        ["Budget:Cycles:0:Caps:reserve:LPT"] = "750",
        ["Recipients:RequireRegistered"] = "false",
    };

    /// <summary>Builds the host and applies the migrations.</summary>
    public static async Task<LedgerTestHost> StartAsync(
        StorageProvider provider, string connectionString, IReadOnlyDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var settings = DefaultSettings(provider, connectionString);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), clock);
    }

    /// <summary>Builds the host on a JSON settings file (e.g. the repository's appsettings.json) plus overrides.</summary>
    public static async Task<LedgerTestHost> StartFromFileAsync(string settingsFile, IReadOnlyDictionary<string, string?> overrides)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(settingsFile, optional: false).AddInMemoryCollection(overrides).Build();
        return await StartAsync(configuration, clock: null);
    }

    private static async Task<LedgerTestHost> StartAsync(IConfiguration configuration, TimeProvider? clock)
    {
        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        collection.AddLedger(configuration);
        var host = new LedgerTestHost(collection.BuildServiceProvider(validateScopes: true));
        await host.Migrator.MigrateAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Every column of every allocation, one line per row in id order: compare before and after to prove nothing changed.</summary>
    public async Task<IReadOnlyList<string>> DumpAllocationsAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync("SELECT * FROM allocations ORDER BY id");
        var imports = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM imports");
        return rows.Cast<IDictionary<string, object?>>()
            .Select(row => string.Join('|', row.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")))
            .Append($"imports={imports}")
            .ToList();
    }

    public async Task<ImportOutcome> ImportCsvAsync(string csv, bool dryRun = false) =>
        await Importer.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, dryRun, CancellationToken.None);

    public async Task<ImportOutcome> ImportJsonAsync(string json, bool dryRun = false) =>
        await Importer.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), ImportFormat.Json, dryRun, CancellationToken.None);

    public async Task<ImportOutcome> ImportProjectsAsync(string csv, bool dryRun = false) =>
        await Projects.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), dryRun, CancellationToken.None);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
