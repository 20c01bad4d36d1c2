using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OssFunding.Core.Storage;

namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// The one lock order for a <c>safe_transactions</c> row: every writer that stores a signature, imports a chain approval,
/// cancels or changes status takes the row lock first, before reading the status it decides on or writing any row that
/// references it. On PostgreSQL that is <c>SELECT … FOR UPDATE</c>: a second writer waits at its first statement and then
/// reads the committed row, so two signatures cannot both count the threshold, and a signature cannot land on a row a
/// concurrent cancel has already moved. On SQLite, <c>BEGIN IMMEDIATE</c> (see <see cref="LedgerDatabase.WriteAsync{T}"/>)
/// already admits one writer at a time, and SQLite has no <c>FOR UPDATE</c>.
/// </summary>
internal static class TransactionLocks
{
    /// <summary>Locks the rows of <paramref name="safeTxHashes"/> (in hash order, so two writers never wait on each other in a cycle) until the transaction ends.</summary>
    public static async Task LockAsync(DbTransaction transaction, IEnumerable<string> safeTxHashes)
    {
        var hashes = safeTxHashes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (hashes.Count == 0 || transaction.Connection is SqliteConnection)
        {
            return;
        }

        var parameters = new DynamicParameters();
        await transaction.Connection!.ExecuteAsync(
            $"""
            SELECT safe_tx_hash FROM safe_transactions WHERE safe_tx_hash IN {SqlLists.Values(parameters, "hash", hashes)}
            ORDER BY safe_tx_hash FOR UPDATE
            """,
            parameters, transaction);
    }

    public static Task LockAsync(DbTransaction transaction, string safeTxHash) => LockAsync(transaction, [safeTxHash]);
}
