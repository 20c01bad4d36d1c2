using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OssFunding.Core;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Notifications.Delivery;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Notifications.Tests.Support;

/// <summary>
/// A worker's notification side on a real SQLite ledger file, wired with <c>AddNotifications</c> as the host does, with
/// a controllable clock. <see cref="StartProcess"/> builds a fresh set of services over the same file: a restarted worker.
/// </summary>
public sealed class NotificationsTestHost : IAsyncDisposable
{
    private readonly TempSqliteDatabase database = new();
    private readonly Dictionary<string, string?> settings;
    private readonly List<ServiceProvider> processes = [];

    private NotificationsTestHost(Dictionary<string, string?> settings)
    {
        this.settings = settings;
        Services = StartProcess();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; }

    public NotificationDispatcher Dispatcher => Services.GetRequiredService<NotificationDispatcher>();

    public DeliveryQueries Deliveries => Services.GetRequiredService<DeliveryQueries>();

    /// <summary>Fast settings for tests: one quick retry inside an attempt, short timeouts; overrides win.</summary>
    public static async Task<NotificationsTestHost> StartAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chain:ChainId"] = "42161",
            ["Chain:RpcUrls:0"] = "http://127.0.0.1:9",
            ["Notifications:PublicBaseUrl"] = "https://funding.example.org",
            ["Signing:Mode"] = "TransactionService", // notices link Safe{Wallet} too
            ["Notifications:Delivery:RetriesWithinAttempt"] = "0",
            ["Notifications:Delivery:RequestTimeout"] = "00:00:02",
            ["Notifications:Delivery:AttemptTimeout"] = "00:00:05",
            ["Notifications:Delivery:MaxAttempts"] = "8",
        };
        foreach (var (key, value) in SampleNotices.SignerSettings().Concat(overrides))
        {
            settings[key] = value;
        }

        var host = new NotificationsTestHost(settings);
        await host.Services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        return host;
    }

    /// <summary>A new worker process on the same ledger: its own services, channels and caches.</summary>
    public ServiceProvider StartProcess()
    {
        var defaults = LedgerTestHost.DefaultSettings(StorageProvider.Sqlite, database.ConnectionString);
        foreach (var (key, value) in settings)
        {
            defaults[key] = value;
        }

        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddLogging();
        collection.AddNotifications(new ConfigurationBuilder().AddInMemoryCollection(defaults).Build());
        var provider = collection.BuildServiceProvider(validateScopes: true);
        processes.Add(provider);
        return provider;
    }

    /// <summary>Writes a notice into the outbox the way the pipeline does: inside a ledger write transaction.</summary>
    public Task WriteNoticeAsync(NoticeKind kind, TransactionView view, string summary, IServiceProvider? process = null) =>
        WriteAsync(process ?? Services, (outbox, payloads) => (kind, view.SafeTxHash, payloads.ForTransaction(view, summary)));

    public Task WriteAlertAsync(NoticeKind kind, string summary, IReadOnlyDictionary<string, JsonNode?> details) =>
        WriteAsync(Services, (outbox, payloads) => (kind, null, payloads.ForAlert(summary, details)));

    private static async Task WriteAsync(IServiceProvider process, Func<NoticeOutbox, NoticePayloads, (NoticeKind, string?, JsonObject)> make)
    {
        var outbox = process.GetRequiredService<NoticeOutbox>();
        var (kind, safeTxHash, payload) = make(outbox, process.GetRequiredService<NoticePayloads>());
        await process.GetRequiredService<LedgerDatabase>().WriteAsync(async (_, transaction) =>
        {
            await outbox.AddAsync(transaction, kind, safeTxHash, payload);
            await transaction.CommitAsync();
            return true;
        }, CancellationToken.None);
    }

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<LedgerDatabase>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        database.Dispose();
    }
}
