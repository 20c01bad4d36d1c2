using OssFunding.Core.Storage;
using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>SQL of the Transaction Service integration (migration 0005): proposals made and confirmations forwarded.</summary>
internal static class ServiceLedger
{
    /// <summary>
    /// Transactions of <paramref name="safe"/> that still wait to execute and the service has not accepted from us yet,
    /// lowest nonce first. Not a Cancelling one: the operator cancelled it, only its rejection is proposed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnproposedAsync(DbConnection connection, string safe) =>
        (await connection.QueryAsync<string>(
            $"""
            SELECT t.safe_tx_hash FROM safe_transactions t
            WHERE t.safe = @safe AND t.status IN {SqlLists.Names(TransactionStatuses.Cancellable)}
              AND NOT EXISTS (SELECT 1 FROM service_proposals p WHERE p.safe_tx_hash = t.safe_tx_hash)
            ORDER BY t.nonce, t.created_at
            """,
            new { safe })).ToList();

    /// <summary>
    /// Marks the transaction as being proposed, if it is still one that may be (not cancelled meanwhile); returns false when
    /// it is not. A guarded update, so on PostgreSQL it waits for an operator cancel of the same row and then sees its result.
    /// </summary>
    public static async Task<bool> ClaimProposalAsync(DbTransaction transaction, string safeTxHash, DateTimeOffset now) =>
        await transaction.Connection!.ExecuteAsync(
            $"""
            UPDATE safe_transactions SET proposal_attempted_at = COALESCE(proposal_attempted_at, @now)
            WHERE safe_tx_hash = @safeTxHash AND status IN {SqlLists.Names(TransactionStatuses.Cancellable)}
            """,
            new { safeTxHash, now = LedgerTime.ToStored(now) }, transaction) == 1;

    /// <summary>Proposed transactions of <paramref name="safe"/> in one of <paramref name="statuses"/>, with the owners who signed them.</summary>
    public static async Task<IReadOnlyList<ProposedTransaction>> ProposedAsync(
        DbConnection connection, string safe, IEnumerable<TransactionStatus> statuses)
    {
        var rows = await connection.QueryAsync<(string Hash, long Nonce, string? Owner)>(
            $"""
            SELECT t.safe_tx_hash, t.nonce, s.owner FROM safe_transactions t
            JOIN service_proposals p ON p.safe_tx_hash = t.safe_tx_hash
            LEFT JOIN transaction_signatures s ON s.safe_tx_hash = t.safe_tx_hash
            WHERE t.safe = @safe AND t.status IN {SqlLists.Names(statuses)}
            ORDER BY t.nonce
            """,
            new { safe });
        return rows.GroupBy(row => (row.Hash, row.Nonce))
            .Select(group => new ProposedTransaction(group.Key.Hash, group.Key.Nonce,
                group.Where(row => row.Owner is not null).Select(row => row.Owner!).ToHashSet(StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>
    /// Owner signatures posted to the worker itself (source 'api') for proposed transactions that still collect
    /// signatures and that were not yet forwarded. Approved hashes are left out: the service indexes them from the chain.
    /// </summary>
    public static async Task<IReadOnlyList<PendingConfirmation>> UnforwardedAsync(DbConnection connection, string safe) =>
        (await connection.QueryAsync<PendingConfirmation>(
            $"""
            SELECT s.safe_tx_hash AS SafeTxHash, s.owner AS Owner, s.signature AS Signature, t.nonce AS Nonce
            FROM transaction_signatures s
            JOIN safe_transactions t ON t.safe_tx_hash = s.safe_tx_hash
            JOIN service_proposals p ON p.safe_tx_hash = s.safe_tx_hash
            WHERE t.safe = @safe AND t.status IN {SqlLists.Names(TransactionStatuses.Collecting)}
              AND s.source = 'api' AND s.signature_type <> 'ApprovedHash'
              AND NOT EXISTS (SELECT 1 FROM service_confirmation_deliveries d WHERE d.safe_tx_hash = s.safe_tx_hash AND d.owner = s.owner)
            ORDER BY t.nonce, s.created_at, s.owner
            """,
            new { safe })).ToList();

    /// <summary>Which of <paramref name="hashes"/> this ledger has drafted, in any status.</summary>
    public static async Task<IReadOnlySet<string>> KnownAsync(DbConnection connection, IReadOnlyCollection<string> hashes)
    {
        if (hashes.Count == 0)
        {
            return new HashSet<string>();
        }

        var parameters = new DynamicParameters();
        var list = SqlLists.Values(parameters, "hash", hashes);
        return (await connection.QueryAsync<string>($"SELECT safe_tx_hash FROM safe_transactions WHERE safe_tx_hash IN {list}", parameters))
            .ToHashSet(StringComparer.Ordinal);
    }

    public static Task RecordProposalAsync(DbTransaction transaction, string safeTxHash, string proposer, DateTimeOffset now) =>
        transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO service_proposals (safe_tx_hash, proposer, proposed_at) VALUES (@safeTxHash, @proposer, @now)
            ON CONFLICT (safe_tx_hash) DO NOTHING
            """,
            new { safeTxHash, proposer, now = LedgerTime.ToStored(now) }, transaction);

    /// <summary>Forgets a proposal the service no longer knows (404), so the next run proposes it again.</summary>
    public static Task ForgetProposalAsync(DbConnection connection, string safeTxHash) =>
        connection.ExecuteAsync("DELETE FROM service_proposals WHERE safe_tx_hash = @safeTxHash", new { safeTxHash });

    public static Task RecordDeliveryAsync(
        DbConnection connection, PendingConfirmation confirmation, string outcome, string? detail, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO service_confirmation_deliveries (safe_tx_hash, owner, outcome, detail, delivered_at)
            VALUES (@SafeTxHash, @Owner, @outcome, @detail, @now)
            ON CONFLICT (safe_tx_hash, owner) DO NOTHING
            """,
            new { confirmation.SafeTxHash, confirmation.Owner, outcome, detail, now = LedgerTime.ToStored(now) });
}

/// <summary>A transaction the service holds, and the owners whose signatures the ledger already has.</summary>
internal sealed record ProposedTransaction(string SafeTxHash, long Nonce, IReadOnlySet<string> SignedBy);

/// <summary>An owner's signature that waits to be forwarded to the service.</summary>
internal sealed record PendingConfirmation(string SafeTxHash, string Owner, string Signature, long Nonce);
