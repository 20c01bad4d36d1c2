using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Worker.Metrics;

namespace OssFunding.Worker.Tests.Operations;

/// <summary>
/// The gauges the alert rules need beyond counts: age of the oldest pending transaction per status, alert conditions
/// true right now, budget caps and whether a cycle is still open. Read from a real migrated SQLite ledger.
/// </summary>
[Collection(nameof(OperationsGaugesTests))] // the gauges are process-wide statics: one test at a time
public sealed class OperationsGaugesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ossfunding-gauges-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder, "ledger.db")}",
            ["Tokens:LPT:Address"] = "0x289ba1701C2F088cf0faf8B3705246331cB8A839",
            ["Tokens:LPT:Decimals"] = "18",
            ["Budget:Cycles:0:Name"] = "2025",
            ["Budget:Cycles:0:FirstPeriod"] = "2025-01",
            ["Budget:Cycles:0:LastPeriod"] = "2025-12",
            ["Budget:Cycles:0:Caps:projects:LPT"] = "4000",
            ["Budget:Cycles:1:Name"] = "2026",
            ["Budget:Cycles:1:FirstPeriod"] = "2026-01",
            ["Budget:Cycles:1:LastPeriod"] = "2026-03",
            ["Budget:Cycles:1:Caps:projects:LPT"] = "1500",
        };
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(new FixedClock(Now));
        collection.AddLedger(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _services = collection.BuildServiceProvider();
        await _services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Oldest_pending_age_is_per_status_from_the_draft_time_and_zero_without_one()
    {
        await InsertTransactionAsync(1, "AwaitingSignatures", Now.AddDays(-4));
        await InsertTransactionAsync(2, "AwaitingSignatures", Now.AddHours(-1));
        await InsertTransactionAsync(3, "ReadyToExecute", Now.AddMinutes(-30));
        await InsertTransactionAsync(4, "Confirmed", Now.AddDays(-90));

        await Gauges().UpdateAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromDays(4).TotalSeconds, PipelineGauges.OldestPending.WithLabels("AwaitingSignatures").Value);
        Assert.Equal(TimeSpan.FromMinutes(30).TotalSeconds, PipelineGauges.OldestPending.WithLabels("ReadyToExecute").Value);
        Assert.Equal(0, PipelineGauges.OldestPending.WithLabels("Drafted").Value);
        Assert.Equal(0, PipelineGauges.OldestPending.WithLabels("Cancelling").Value);
        Assert.DoesNotContain(PipelineGauges.OldestPending.GetAllLabelValues(), labels => labels[0] is "Confirmed");
    }

    [Fact]
    public async Task Alert_conditions_are_counted_per_kind_and_drop_to_zero_when_cleared()
    {
        await RaiseAsync("LowBalance:LPT", "LowBalance");
        await RaiseAsync("LowBalance:USDC", "LowBalance");
        await RaiseAsync("WatcherStalled", "WatcherStalled");
        await Gauges().UpdateAsync(CancellationToken.None);
        Assert.Equal(2, PipelineGauges.Conditions.WithLabels("LowBalance").Value);
        Assert.Equal(1, PipelineGauges.Conditions.WithLabels("WatcherStalled").Value);
        Assert.Equal(0, PipelineGauges.Conditions.WithLabels("ExecutionBlocked").Value);

        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("DELETE FROM alert_conditions WHERE kind = 'LowBalance'");
        }

        await Gauges().UpdateAsync(CancellationToken.None);
        Assert.Equal(0, PipelineGauges.Conditions.WithLabels("LowBalance").Value);
        Assert.Equal(1, PipelineGauges.Conditions.WithLabels("WatcherStalled").Value);
    }

    [Fact]
    public async Task Budget_caps_are_exported_and_only_cycles_not_yet_over_are_open()
    {
        await new LedgerGauges(_services).UpdateAsync(CancellationToken.None);

        Assert.Equal(4000, LedgerGauges.BudgetCap.WithLabels("2025", "projects", "LPT").Value);
        Assert.Equal(1500, LedgerGauges.BudgetCap.WithLabels("2026", "projects", "LPT").Value);
        Assert.Equal(0, LedgerGauges.CycleOpen.WithLabels("2025").Value);
        Assert.Equal(1, LedgerGauges.CycleOpen.WithLabels("2026").Value); // its last month is the current one
    }

    private LedgerDatabase Database => _services.GetRequiredService<LedgerDatabase>();

    private PipelineGauges Gauges() => new(Database, new FixedClock(Now));

    private async Task InsertTransactionAsync(int nonce, string status, DateTimeOffset createdAt)
    {
        string hash = "0x" + nonce.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
        string address = "0x" + new string('1', 40);
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            """
            INSERT INTO safe_transactions (safe_tx_hash, safe, chain_id, nonce, status, to_address, value, data, operation,
                safe_tx_gas, base_gas, gas_price, gas_token, refund_receiver, safe_version, threshold, typed_data, created_at, updated_at)
            VALUES (@hash, @address, 42161, @nonce, @status, @address, '0', '0x', 0, '0', '0', '0', @address, @address, '1.4.1', 1, '{}',
                @created, @updated)
            """,
            new { hash, address, nonce, status, created = LedgerTime.ToStored(createdAt), updated = LedgerTime.ToStored(Now) });
    }

    private async Task RaiseAsync(string key, string kind)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO alert_conditions (condition_key, kind, detail, raised_at) VALUES (@key, @kind, 'test', @now)",
            new { key, kind, now = LedgerTime.ToStored(Now) });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
