using OssFunding.Core.Configuration;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>
/// A fresh SQLite ledger per test with the appsettings.json budget, <c>Recipients:RequireRegistered</c> on,
/// two registered projects (FFmpeg since 2024, OpenCV only from June 2025) and one allocation of 3000 LPT.
/// </summary>
public abstract class LedgerFixture : IAsyncLifetime, IDisposable
{
    public const string SeedId = "seed-1";

    private readonly TempSqliteDatabase database = new();

    protected LedgerTestHost Host { get; private set; } = null!;

    public static string ProjectsCsv =>
        "name,recipient,proof_url,effective_from\n" +
        $"FFmpeg,{TestAddresses.Recipient(1)},https://ffmpeg.org/donations.html,2024-01-01\n" +
        $"OpenCV,{TestAddresses.Recipient(2)},https://opencv.org/support/,2025-06-01\n";

    public async Task InitializeAsync()
    {
        Host = await LedgerTestHost.StartAsync(StorageProvider.Sqlite, database.ConnectionString, new Dictionary<string, string?>
        {
            ["Recipients:RequireRegistered"] = "true",
        });
        Assert.True((await Host.ImportProjectsAsync(ProjectsCsv)).Succeeded);
        var seed = await Host.ImportCsvAsync(AllocationFile.Csv(AllocationFile.Row(SeedId, "3000")));
        Assert.True(seed.Succeeded, string.Join('\n', seed.Errors));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose()
    {
        database.Dispose();
        GC.SuppressFinalize(this);
    }
}
