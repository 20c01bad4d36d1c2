using OssFunding.Core.Configuration;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>
/// A fresh ledger per test (SQLite unless a subclass picks PostgreSQL) with the appsettings.json budget,
/// <c>Recipients:RequireRegistered</c> on, two registered projects (FFmpeg since 2024, OpenCV only from June 2025)
/// and one allocation of 3000 LPT (<see cref="SeedId"/>).
/// </summary>
public abstract class LedgerFixture : IAsyncLifetime, IDisposable
{
    public const string SeedId = "seed-1";

    private static readonly Dictionary<string, string?> Settings = new() { ["Recipients:RequireRegistered"] = "true" };
    private readonly TempSqliteDatabase sqlite = new();
    private string connectionString = "";

    public static string ProjectsCsv =>
        "name,recipient,proof_url,effective_from\n" +
        $"FFmpeg,{TestAddresses.Recipient(1)},https://ffmpeg.org/donations.html,2024-01-01\n" +
        $"OpenCV,{TestAddresses.Recipient(2)},https://opencv.org/support/,2025-06-01\n";

    protected LedgerTestHost Host { get; private set; } = null!;

    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    protected string ConnectionString => connectionString;

    protected virtual Task<string> CreateDatabaseAsync() => Task.FromResult(sqlite.ConnectionString);

    /// <summary>A second, independent host on the same database, as another process or replica would be.</summary>
    protected Task<LedgerTestHost> StartReplicaAsync() => LedgerTestHost.StartAsync(Provider, connectionString, Settings);

    public async Task InitializeAsync()
    {
        connectionString = await CreateDatabaseAsync();
        Host = await LedgerTestHost.StartAsync(Provider, connectionString, Settings);
        Assert.True((await Host.ImportProjectsAsync(ProjectsCsv)).Succeeded);
        var seed = await Host.ImportCsvAsync(AllocationFile.Csv(AllocationFile.Row(SeedId, "3000")));
        Assert.True(seed.Succeeded, string.Join('\n', seed.Errors));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose()
    {
        sqlite.Dispose();
        GC.SuppressFinalize(this);
    }
}
