using System.Text.Json;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;

namespace OssFunding.Reports.ChainFacts;

internal sealed record StoredSnapshot(string Period, long BlockNumber, bool IsMonthEnd);

/// <summary>Writes Safe snapshots: a month-end snapshot is final; a provisional one is replaced by a newer one.</summary>
internal static class SnapshotStore
{
    public static async Task<IReadOnlyDictionary<string, StoredSnapshot>> ExistingAsync(
        LedgerDatabase database, string safe, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Period, long BlockNumber, long IsMonthEnd)>(
            "SELECT period, block_number, is_month_end FROM safe_snapshots WHERE safe = @safe", new { safe });
        return rows.ToDictionary(r => r.Period, r => new StoredSnapshot(r.Period, r.BlockNumber, r.IsMonthEnd == 1), StringComparer.Ordinal);
    }

    public static Task SaveAsync(
        LedgerDatabase database, string safe, string period, TimedBlock block, bool isMonthEnd, SafeState state, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            // A month-end snapshot is never replaced; a provisional one is (its balances go with it, ON DELETE CASCADE).
            await connection.ExecuteAsync(
                "DELETE FROM safe_snapshots WHERE safe = @safe AND period = @period AND is_month_end = 0",
                new { safe, period }, transaction);
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO safe_snapshots (safe, period, block_number, block_hash, block_time, is_month_end, owners, threshold, recorded_at)
                VALUES (@safe, @period, @number, @hash, @time, @isMonthEnd, @owners, @threshold, @now)
                ON CONFLICT (safe, period) DO NOTHING
                """,
                new
                {
                    safe, period, number = block.Number, hash = block.Hash, time = LedgerTime.ToStored(block.Time),
                    isMonthEnd = isMonthEnd ? 1 : 0, owners = JsonSerializer.Serialize(state.Owners), threshold = state.Threshold,
                    now = LedgerTime.ToStored(now),
                },
                transaction);
            if (inserted == 1)
            {
                foreach (var (token, address, balance) in state.Balances)
                {
                    await connection.ExecuteAsync(
                        """
                        INSERT INTO safe_snapshot_balances (safe, period, token, token_address, balance)
                        VALUES (@safe, @period, @token, @address, @balance)
                        """,
                        new { safe, period, token, address, balance }, transaction);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }, cancellationToken);
}
