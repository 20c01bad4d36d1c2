using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Devnet;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Reminders;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Notifications.Tests.Support;

/// <summary>One anvil with a funded 3-of-5 Safe 1.4.1, shared by a test class; each test reverts its chain changes.</summary>
public sealed class DevnetSafe : IAsyncLifetime
{
    private DevnetChain? chain;

    public DevnetWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        chain = await DevnetChain.StartAsync();
        World = await DevnetWorld.DeployAsync(chain, SafeVersion.V141);
    }

    public async Task DisposeAsync()
    {
        if (chain is not null)
        {
            await chain.DisposeAsync();
        }
    }
}

/// <summary>
/// The real pipeline (AddPipeline) and notifications (AddNotifications) on a fresh SQLite ledger against the devnet Safe,
/// with the Safe's five owners as the configured signers and a clock standing in June 2025.
/// </summary>
internal sealed class DevnetPipeline : IAsyncDisposable
{
    public const int Confirmations = 2;
    private readonly TempSqliteDatabase database = new();
    private readonly DevnetSnapshot snapshot;

    private DevnetPipeline(DevnetWorld world, DevnetSnapshot snapshot, IReadOnlyDictionary<string, string?> overrides)
    {
        World = world;
        this.snapshot = snapshot;
        var settings = DevnetSettings.For(world, StorageProvider.Sqlite, database.ConnectionString, Confirmations);
        for (var i = 0; i < world.Owners.Count; i++)
        {
            settings[$"Notifications:Signers:{i}:Address"] = world.Owners[i].Address;
            settings[$"Notifications:Signers:{i}:Name"] = SampleNotices.SignerNames[i];
            settings[$"Notifications:Signers:{i}:Email"] = $"{SampleNotices.SignerNames[i].ToLowerInvariant()}@example.org";
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddLogging();
        collection.AddSingleton(new RpcPolicy { CallTimeout = TimeSpan.FromSeconds(5), RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        collection.AddNotifications(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        Services = collection.BuildServiceProvider(validateScopes: true);
    }

    public DevnetWorld World { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public NotificationDispatcher Dispatcher => Get<NotificationDispatcher>();

    public ReminderScheduler Reminders => Get<ReminderScheduler>();

    public static async Task<DevnetPipeline> StartAsync(DevnetSafe devnet, IReadOnlyDictionary<string, string?> overrides)
    {
        var snapshot = await devnet.World.Chain.Rpc.SnapshotScopeAsync();
        var pipeline = new DevnetPipeline(devnet.World, snapshot, overrides);
        await pipeline.Get<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        return pipeline;
    }

    /// <summary>Imports two due LPT allocations and drafts them into one Safe transaction (a TxPending notice).</summary>
    public async Task<TransactionView> DraftAsync()
    {
        var csv = "id,period,project,category,recipient,token,amount,approval_ref,memo\n" +
            $"2025-06-ffmpeg,2025-06,FFmpeg,projects,{TestAddresses.Recipient(1)},LPT,400,https://forum.example/t/2,June grant\n" +
            $"2025-06-opencv,2025-06,OpenCV,projects,{TestAddresses.Recipient(2)},LPT,250.5,https://forum.example/t/2,June grant\n";
        var import = await Get<IAllocationImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, false, CancellationToken.None);
        Assert.True(import.Succeeded, string.Join("; ", import.Errors));
        var outcome = await Get<Drafter>().DraftAsync(CancellationToken.None);
        Assert.True(outcome.Result == DraftResult.Drafted, outcome.Reason);
        return outcome.Transaction!;
    }

    public async Task<TransactionView> SignAsync(string safeTxHash, int owner)
    {
        var outcome = await Get<LocalSigner>().SignAndSubmitAsync(safeTxHash, World.Owners[owner].PrivateKey, CancellationToken.None);
        Assert.Equal(SignatureResult.Created, outcome.Result);
        return outcome.Transaction!;
    }

    public async Task<TransactionView> ViewAsync(string safeTxHash) =>
        await Get<TransactionQueries>().GetAsync(safeTxHash, CancellationToken.None) ?? throw new InvalidOperationException(safeTxHash);

    /// <summary>Submits execTransaction from a non-owner account with the stored signatures, as anyone may.</summary>
    public async Task ExecuteAsync(string safeTxHash) => await OutsiderExecution.ExecuteAsync(World, await ViewAsync(safeTxHash));

    /// <summary>One turn of the watcher and confirmer jobs.</summary>
    public async Task SyncAsync()
    {
        await Get<ChainWatcher>().PollAsync(CancellationToken.None);
        await Get<Confirmer>().RunAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        database.Dispose();
        await snapshot.DisposeAsync();
    }
}

/// <summary>Test classes on the one devnet (xunit runs them one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DevnetCollection : ICollectionFixture<DevnetSafe>
{
    public const string Name = "devnet";
}
