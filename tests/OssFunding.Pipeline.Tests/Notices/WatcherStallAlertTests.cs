using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Notices;

/// <summary>
/// The WatcherStalled alert against a real anvil: one node's watcher reads the devnet, another node on the same ledger
/// points at a closed loopback port (RPC down). The clock is fake, so "longer than Chain:MaxWatcherLag" is exact.
/// </summary>
public sealed class WatcherStallAlertTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>, IDisposable
{
    private static readonly TimeSpan MaxWatcherLag = TimeSpan.FromMinutes(1);

    private readonly TempSqliteDatabase ledger = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private ChainPosition? lastPosition;

    [Fact]
    public async Task A_stall_past_the_max_watcher_lag_alerts_once_clears_on_catch_up_and_alerts_again_next_time()
    {
        await using var healthy = await StartNodeAsync(devnet.Chain.RpcUrl);
        await using var down = await StartNodeAsync(ClosedLoopbackUrl());
        var alert = healthy.GetRequiredService<WatcherStallAlert>();

        var caughtUpAt = await CatchUpAsync(healthy);
        Assert.False(await alert.RecordAsync(Lag(caughtUpAt, null), CancellationToken.None));

        clock.Advance(MaxWatcherLag / 2);
        Assert.False(await alert.RecordAsync(Lag(caughtUpAt, await FailedPollAsync(down)), CancellationToken.None));
        Assert.Empty(await StallNoticesAsync(healthy));

        clock.Advance(MaxWatcherLag);
        var error = await FailedPollAsync(down);
        Assert.True(await alert.RecordAsync(Lag(caughtUpAt, error), CancellationToken.None));
        var notice = Assert.Single(await StallNoticesAsync(healthy));
        var payload = notice.Payload;
        Assert.Equal(devnet.World(SafeVersion.V141).SafeAddress, payload["safe"]!.GetValue<string>());
        Assert.Equal(90, payload["behindSeconds"]!.GetValue<long>());
        Assert.Equal(60, payload["maxWatcherLagSeconds"]!.GetValue<long>());
        Assert.Equal(error, payload["lastError"]!.GetValue<string>());
        Assert.NotNull(payload["head"]);
        Assert.Contains("has not been at the chain head for 90 s", payload["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(error, payload["summary"]!.GetValue<string>(), StringComparison.Ordinal);

        for (var poll = 0; poll < 3; poll++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            Assert.True(await alert.RecordAsync(Lag(caughtUpAt, await FailedPollAsync(down)), CancellationToken.None));
        }

        Assert.Single(await StallNoticesAsync(healthy));
        Assert.Equal(1, await OpenConditionsAsync(healthy));

        caughtUpAt = await CatchUpAsync(healthy);
        Assert.False(await alert.RecordAsync(Lag(caughtUpAt, null), CancellationToken.None));
        Assert.Equal(0, await OpenConditionsAsync(healthy));
        Assert.Single(await StallNoticesAsync(healthy));

        clock.Advance(MaxWatcherLag + TimeSpan.FromSeconds(1));
        Assert.True(await alert.RecordAsync(Lag(caughtUpAt, await FailedPollAsync(down)), CancellationToken.None));
        Assert.Equal(2, (await StallNoticesAsync(healthy)).Count);
        Assert.Equal(1, await OpenConditionsAsync(healthy));
    }

    [Fact]
    public async Task Polls_that_succeed_without_reaching_the_head_alert_with_checkpoint_and_head_and_a_restart_does_not_clear_it()
    {
        await using var node = await StartNodeAsync(devnet.Chain.RpcUrl);
        var alert = node.GetRequiredService<WatcherStallAlert>();
        var behind = new WatcherLag(TimeSpan.FromMinutes(2), new ChainPosition(Head: 1_000, Checkpoint: 400, Final: 380), null);

        Assert.True(await alert.RecordAsync(behind, CancellationToken.None));
        var summary = Assert.Single(await StallNoticesAsync(node)).Payload["summary"]!.GetValue<string>();
        Assert.Contains("checkpoint 400, head 1000 (600 blocks behind)", summary, StringComparison.Ordinal);
        Assert.Contains("polls succeed but do not reach the head", summary, StringComparison.Ordinal);

        // After a restart the lag counts from the start again: still behind (or still failing) but under the limit
        // leaves the raised condition alone, so the stall is not alerted a second time once the limit passes again.
        Assert.True(await alert.RecordAsync(behind with { Behind = TimeSpan.FromSeconds(5) }, CancellationToken.None));
        Assert.True(await alert.RecordAsync(new WatcherLag(TimeSpan.FromSeconds(10), null, "connection refused"), CancellationToken.None));
        Assert.True(await alert.RecordAsync(behind, CancellationToken.None));
        Assert.Single(await StallNoticesAsync(node));
        Assert.Equal(1, await OpenConditionsAsync(node));
    }

    public void Dispose() => ledger.Dispose();

    /// <summary>What the host's WatcherProgress reports: time since the last catch-up, the last good position, the error.</summary>
    private WatcherLag Lag(DateTimeOffset caughtUpAt, string? error) => new(clock.GetUtcNow() - caughtUpAt, lastPosition, error);

    /// <summary>Polls the devnet until the watcher is at the head; returns when it got there.</summary>
    private async Task<DateTimeOffset> CatchUpAsync(ServiceProvider node)
    {
        var poll = await node.GetRequiredService<ChainWatcher>().PollAsync(CancellationToken.None);
        Assert.True(poll.Position.Checkpoint >= poll.Position.Head, $"checkpoint {poll.Position.Checkpoint} is below head {poll.Position.Head}");
        lastPosition = poll.Position;
        return clock.GetUtcNow();
    }

    private static async Task<string> FailedPollAsync(ServiceProvider node)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => node.GetRequiredService<ChainWatcher>().PollAsync(CancellationToken.None));
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        return failure.Message;
    }

    private static async Task<IReadOnlyList<NoticeView>> StallNoticesAsync(ServiceProvider node) =>
        (await node.GetRequiredService<NoticeQueries>().ListAsync(alertsOnly: true, safeTxHash: null, limit: 100, CancellationToken.None))
        .Where(notice => notice.Kind == NoticeKind.WatcherStalled).ToList();

    private static async Task<long> OpenConditionsAsync(ServiceProvider node)
    {
        await using var connection = await node.GetRequiredService<LedgerDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM alert_conditions WHERE kind = 'WatcherStalled'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A worker node on the shared ledger whose chain RPC is <paramref name="rpcUrl"/>.</summary>
    private async Task<ServiceProvider> StartNodeAsync(string rpcUrl)
    {
        var world = devnet.World(SafeVersion.V141);
        var settings = DevnetSettings.For(world, StorageProvider.Sqlite, ledger.ConnectionString, confirmations: 5);
        settings["Chain:RpcUrls:0"] = rpcUrl;
        settings["Chain:MaxWatcherLag"] = MaxWatcherLag.ToString();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new RpcPolicy { CallTimeout = TimeSpan.FromSeconds(5), RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        services.AddPipeline(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>A loopback port that was just free and is closed again: connections to it are refused at once.</summary>
    private static string ClosedLoopbackUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
