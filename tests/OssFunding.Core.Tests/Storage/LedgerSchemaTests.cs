using System.Data.Common;
using Dapper;
using OssFunding.Core.Configuration;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Storage;

/// <summary>
/// The schema itself enforces the invariants of SPEC §2 it can, identically on both engines. Invariant 1 (never pay
/// twice): unique live allocation, nonce and payment.
/// </summary>
public abstract class LedgerSchemaTests : IAsyncLifetime
{
    private const string Now = "2025-01-01T00:00:00.0000000Z";
    private static readonly string Safe = TestAddresses.Safe;

    protected LedgerTestHost Host { get; private set; } = null!;

    protected abstract StorageProvider Provider { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Host = await LedgerTestHost.StartAsync(Provider, await CreateDatabaseAsync());
        await ExecuteAsync(
            $"INSERT INTO imports (id, kind, format, file_sha256, imported_at, row_count, added, unchanged) VALUES ('i', 'allocations', 'csv', 'x', '{Now}', 2, 2, 0)");
        foreach (var id in new[] { "a1", "a2" })
        {
            await ExecuteAsync(
                "INSERT INTO allocations (id, period, project, category, recipient, token, amount, approval_ref, memo, status, import_id, imported_at) " +
                $"VALUES ('{id}', '2025-01', 'FFmpeg', 'projects', '{TestAddresses.Recipient(1)}', 'LPT', '1', 'ref', '', 'Approved', 'i', '{Now}')");
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Running_the_migrations_again_applies_nothing()
    {
        Assert.Empty(await Host.Migrator.MigrateAsync(CancellationToken.None));
        await using var connection = await Host.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM allocations"));
    }

    [Fact]
    public async Task An_allocation_is_in_at_most_one_live_transaction()
    {
        await InsertTransactionAsync(Hash(1), nonce: 0, "a1");

        await Assert.ThrowsAnyAsync<DbException>(() => InsertTransactionAsync(Hash(2), nonce: 1, "a1"));

        // Once the first transaction failed, its status cascades into the link and the allocation may be drafted again.
        await ExecuteAsync($"UPDATE safe_transactions SET status = 'Failed' WHERE safe_tx_hash = '{Hash(1)}'");
        await InsertTransactionAsync(Hash(2), nonce: 1, "a1");
        await Assert.ThrowsAnyAsync<DbException>(() => InsertTransactionAsync(Hash(3), nonce: 2, "a1"));
    }

    [Fact]
    public async Task A_nonce_has_at_most_one_live_transaction_per_safe()
    {
        await InsertTransactionAsync(Hash(1), nonce: 7, "a1");

        await Assert.ThrowsAnyAsync<DbException>(() => InsertTransactionAsync(Hash(2), nonce: 7, "a2"));

        await ExecuteAsync($"UPDATE safe_transactions SET status = 'Superseded' WHERE safe_tx_hash = '{Hash(1)}'");
        await InsertTransactionAsync(Hash(2), nonce: 7, "a2");
    }

    [Fact]
    public async Task A_transfer_log_and_an_allocation_are_paid_at_most_once()
    {
        await InsertTransactionAsync(Hash(1), nonce: 0, "a1", "a2");
        await InsertPaymentAsync("p1", "a1", logIndex: 3);

        await Assert.ThrowsAnyAsync<DbException>(() => InsertPaymentAsync("p2", "a2", logIndex: 3));
        await Assert.ThrowsAnyAsync<DbException>(() => InsertPaymentAsync("p3", "a1", logIndex: 4));
        await InsertPaymentAsync("p4", "a2", logIndex: 4);
    }

    [Theory]
    [InlineData("UPDATE allocations SET status = 'Sent' WHERE id = 'a1'")]
    [InlineData("UPDATE allocations SET status = 'Cancelled' WHERE id = 'a1'")]
    [InlineData("UPDATE allocations SET fiat_amount = '10' WHERE id = 'a1'")]
    [InlineData("UPDATE allocations SET approval_ref = '' WHERE id = 'a1'")]
    [InlineData("INSERT INTO transaction_allocations (safe_tx_hash, tx_status, allocation_id, position, recipient, token, amount) VALUES ('0xnope', 'Drafted', 'a1', 0, '0x0000000000000000000000000000000000000001', 'LPT', '1')")]
    public async Task Refuses_rows_that_break_a_constraint(string sql)
    {
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(sql));
    }

    private static string Hash(int n) => "0x" + n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> InsertTransactionAsync(string hash, long nonce, params string[] allocations) =>
        Host.Database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO safe_transactions (safe_tx_hash, safe, chain_id, nonce, status, to_address, value, data, operation,
                    safe_tx_gas, base_gas, gas_price, gas_token, refund_receiver, safe_version, threshold, typed_data, created_at, updated_at)
                VALUES (@hash, @safe, 42161, @nonce, 'AwaitingSignatures', @safe, '0', '0x', 1, '0', '0', '0',
                    '0x0000000000000000000000000000000000000000', '0x0000000000000000000000000000000000000000', '1.4.1', 3, '{}', @now, @now)
                """,
                new { hash, safe = Safe, nonce, now = Now }, transaction);
            for (var position = 0; position < allocations.Length; position++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO transaction_allocations (safe_tx_hash, tx_status, allocation_id, position, recipient, token, amount) " +
                    "VALUES (@hash, 'AwaitingSignatures', @id, @position, @recipient, 'LPT', '1')",
                    new { hash, id = allocations[position], position, recipient = TestAddresses.Recipient(1) }, transaction);
            }

            await transaction.CommitAsync();
            return 0;
        }, CancellationToken.None);

    private Task InsertPaymentAsync(string id, string allocation, long logIndex) => ExecuteAsync(
        "INSERT INTO payments (id, allocation_id, kind, token, recipient, amount, safe_tx_hash, tx_hash, block_number, block_hash, log_index, recorded_at) " +
        $"VALUES ('{id}', '{allocation}', 'OnChain', 'LPT', '{TestAddresses.Recipient(1)}', '1', '{Hash(1)}', '{Hash(99)}', 10, '{Hash(98)}', {logIndex}, '{Now}')");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Host.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}

public sealed class SqliteLedgerSchemaTests : LedgerSchemaTests, IDisposable
{
    private readonly TempSqliteDatabase database = new();

    protected override StorageProvider Provider => StorageProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(database.ConnectionString);

    public void Dispose() => database.Dispose();
}

[Collection(PostgresCluster.Collection)]
public sealed class PostgresLedgerSchemaTests(PostgresCluster cluster) : LedgerSchemaTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;

    protected override Task<string> CreateDatabaseAsync() => cluster.CreateDatabaseAsync();

    [Fact]
    public async Task Replicas_migrating_a_fresh_database_at_the_same_time_all_succeed()
    {
        var fresh = await cluster.CreateDatabaseAsync();

        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => LedgerTestHost.StartAsync(Provider, fresh))));

        foreach (var replica in replicas)
        {
            Assert.Empty(await replica.Migrator.MigrateAsync(CancellationToken.None));
            await replica.DisposeAsync();
        }
    }
}
