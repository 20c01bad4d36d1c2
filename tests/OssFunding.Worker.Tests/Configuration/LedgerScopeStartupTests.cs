using Microsoft.Data.Sqlite;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Configuration;

/// <summary>
/// Issue 10 item 3, SPEC §10 (every ledger query is scoped to the configured chain and Safe) and §2 (an allocation is
/// paid at most once): a treasury that moves to a new Safe with a live transaction of the old one in its ledger would
/// see that transaction "superseded" by the new Safe's nonce and its allocations paid again, while the old Safe's
/// signatures can still execute it. <c>run</c> refuses to start, naming the transaction, and changes nothing.
/// </summary>
public sealed class LedgerScopeStartupTests : IDisposable
{
    private const string OldSafe = "0x00000000000000000000000000000000000000A1";
    private const string SafeTxHash = "0x1111111111111111111111111111111111111111111111111111111111111111";

    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("another Safe")]
    [InlineData("another chain")]
    public async Task A_live_transaction_of_another_Safe_or_chain_stops_the_start_naming_it(string scope)
    {
        await _sandbox.UseSharedDevnetAsync();
        (int migrated, WorkerProcess migrate) = await _sandbox.RunAsync("migrate");
        using (migrate)
        {
            Assert.True(migrated == 0, migrate.AllOutput);
        }

        string safe = scope == "another Safe" ? OldSafe : _sandbox.Environment["Safe__Address"];
        long chainId = scope == "another Safe" ? long.Parse(_sandbox.Environment["Chain__ChainId"], System.Globalization.CultureInfo.InvariantCulture) : 1;
        await InsertLiveTransactionAsync(safe, chainId);

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains($"Safe:Address: the ledger holds live Safe tx {SafeTxHash} (AwaitingSignatures, nonce 7) of Safe {safe} on chain {chainId}",
            process.StandardError, StringComparison.Ordinal);
        Assert.Equal("AwaitingSignatures", await StatusAsync());
    }

    private async Task InsertLiveTransactionAsync(string safe, long chainId)
    {
        await using var connection = new SqliteConnection($"Data Source={_sandbox.DatabasePath}");
        await connection.OpenAsync();
        await using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText =
            """
            INSERT INTO safe_transactions (safe_tx_hash, safe, chain_id, nonce, status, to_address, value, data, operation,
                safe_tx_gas, base_gas, gas_price, gas_token, refund_receiver, safe_version, threshold, typed_data, created_at, updated_at)
            VALUES ($hash, $safe, $chain, 7, 'AwaitingSignatures', $safe, '0', '0x', 0, '0', '0', '0',
                '0x0000000000000000000000000000000000000000', '0x0000000000000000000000000000000000000000', '1.4.1', 3, '{}',
                '2025-01-01T00:00:00.0000000+00:00', '2025-01-01T00:00:00.0000000+00:00')
            """;
        insert.Parameters.AddWithValue("$hash", SafeTxHash);
        insert.Parameters.AddWithValue("$safe", safe);
        insert.Parameters.AddWithValue("$chain", chainId);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    private async Task<string?> StatusAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_sandbox.DatabasePath}");
        await connection.OpenAsync();
        await using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT status FROM safe_transactions WHERE safe_tx_hash = $hash";
        select.Parameters.AddWithValue("$hash", SafeTxHash);
        return (string?)await select.ExecuteScalarAsync();
    }
}
