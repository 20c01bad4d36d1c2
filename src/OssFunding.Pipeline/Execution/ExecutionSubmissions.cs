using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Execution;

/// <summary>Status of an <c>execution_submissions</c> row: sent and unmined, mined (success or revert), or given up.</summary>
public enum SubmissionStatus
{
    Pending,
    Mined,
    Dropped,
}

/// <summary>An <c>execution_submissions</c> row joined with the nonce of its Safe transaction.</summary>
internal sealed record SubmissionRow(
    string TxHash, string SafeTxHash, long SafeNonce, string Sender, long SenderNonce, string RawTransaction, string Status,
    string CreatedAt, string? ReplacesTxHash)
{
    public DateTimeOffset StoredAt => LedgerTime.FromStored(CreatedAt);

    public SubmissionStatus SubmissionStatus => Enum.Parse<SubmissionStatus>(Status);
}

/// <summary>
/// SQL for <c>execution_submissions</c>: a signed <c>execTransaction</c> is stored before it is broadcast (persist before
/// publish), so a restart finds it and re-broadcasts the same bytes instead of signing a fresh one.
/// </summary>
internal static class ExecutionSubmissions
{
    private const string Columns =
        """
        s.tx_hash AS TxHash, s.safe_tx_hash AS SafeTxHash, t.nonce AS SafeNonce, s.sender AS Sender,
        s.sender_nonce AS SenderNonce, s.raw_transaction AS RawTransaction, s.status AS Status, s.created_at AS CreatedAt,
        s.replaces_tx_hash AS ReplacesTxHash
        """;

    public static async Task<IReadOnlyList<SubmissionRow>> ListAsync(DbConnection connection, DbTransaction? transaction, SubmissionStatus status)
    {
        var rows = await connection.QueryAsync<SubmissionRow>(
            $"""
            SELECT {Columns} FROM execution_submissions s JOIN safe_transactions t ON t.safe_tx_hash = s.safe_tx_hash
            WHERE s.status = @status ORDER BY s.sender_nonce, s.created_at
            """,
            new { status = status.ToString() }, transaction);
        return rows.ToList();
    }

    /// <summary>Submissions of one Safe transaction that were mined (success or revert).</summary>
    public static Task<int> CountMinedAsync(DbConnection connection, DbTransaction? transaction, string safeTxHash) =>
        connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM execution_submissions WHERE safe_tx_hash = @safeTxHash AND status = 'Mined'",
            new { safeTxHash }, transaction);

    /// <summary>
    /// Stores a signed submission, guarded: the Safe transaction must still be ReadyToExecute and have no Pending
    /// submission. Returns false (nothing written) when another run got there first. The NOT EXISTS guard only sees
    /// committed rows; a Pending submission another worker is storing at the same moment (two replicas, a cluster
    /// failover) is caught by the unique index ux_execution_submissions_pending (migration 0008), and its violation is
    /// taken as "already submitted" by ON CONFLICT DO NOTHING, which leaves the caller's transaction usable on both engines.
    /// </summary>
    public static async Task<bool> InsertAsync(DbTransaction transaction, SignedExecution signed, DateTimeOffset now, string? replaces = null)
    {
        var at = LedgerTime.ToStored(now);
        return await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO execution_submissions (tx_hash, safe_tx_hash, sender, sender_nonce, raw_transaction, status, created_at, updated_at,
                                               replaces_tx_hash)
            SELECT @TxHash, @SafeTxHash, @Sender, @SenderNonce, @RawTransaction, 'Pending', @at, @at, @replaces
            WHERE EXISTS (SELECT 1 FROM safe_transactions WHERE safe_tx_hash = @SafeTxHash AND status = @ready)
              AND NOT EXISTS (SELECT 1 FROM execution_submissions WHERE safe_tx_hash = @SafeTxHash AND status = 'Pending')
            ON CONFLICT DO NOTHING
            """,
            new
            {
                signed.TxHash, signed.SafeTxHash, signed.Sender, SenderNonce = (long)signed.SenderNonce, signed.RawTransaction, at,
                ready = TransactionStatus.ReadyToExecute.ToString(), replaces,
            },
            transaction) == 1;
    }

    /// <summary>Moves a Pending submission to <paramref name="status"/>; false when it was not Pending any more.</summary>
    public static async Task<bool> SettleAsync(DbTransaction transaction, string txHash, SubmissionStatus status, DateTimeOffset now) =>
        await transaction.Connection!.ExecuteAsync(
            "UPDATE execution_submissions SET status = @status, updated_at = @at WHERE tx_hash = @txHash AND status = 'Pending'",
            new { txHash, status = status.ToString(), at = LedgerTime.ToStored(now) }, transaction) == 1;

    /// <summary>
    /// Stores <paramref name="replacement"/> (same sender nonce, higher fees) in place of the Pending
    /// <paramref name="replaced"/>, which becomes Dropped: one database transaction, before the replacement is broadcast.
    /// False (nothing written) when <paramref name="replaced"/> was settled meanwhile or the Safe tx left ReadyToExecute.
    /// </summary>
    public static async Task<bool> ReplaceAsync(DbTransaction transaction, string replaced, SignedExecution replacement, DateTimeOffset now) =>
        await SettleAsync(transaction, replaced, SubmissionStatus.Dropped, now)
        && await InsertAsync(transaction, replacement, now, replaced);

    /// <summary>Dropped submissions signed at the same sender nonce (those fee replacements took the place of), newest first.</summary>
    public static async Task<IReadOnlyList<SubmissionRow>> EarlierAtSenderNonceAsync(DbConnection connection, SubmissionRow submission)
    {
        var rows = await connection.QueryAsync<SubmissionRow>(
            $"""
            SELECT {Columns} FROM execution_submissions s JOIN safe_transactions t ON t.safe_tx_hash = s.safe_tx_hash
            WHERE s.sender = @Sender AND s.sender_nonce = @SenderNonce AND s.tx_hash <> @TxHash AND s.status = 'Dropped'
            ORDER BY s.created_at DESC
            """,
            new { submission.Sender, submission.SenderNonce, submission.TxHash });
        return rows.ToList();
    }

    /// <summary>A replaced submission the chain included after all: Dropped becomes Mined.</summary>
    public static async Task<bool> SettleReplacedAsMinedAsync(DbTransaction transaction, string txHash, DateTimeOffset now) =>
        await transaction.Connection!.ExecuteAsync(
            "UPDATE execution_submissions SET status = 'Mined', updated_at = @at WHERE tx_hash = @txHash AND status = 'Dropped'",
            new { txHash, at = LedgerTime.ToStored(now) }, transaction) == 1;
}
