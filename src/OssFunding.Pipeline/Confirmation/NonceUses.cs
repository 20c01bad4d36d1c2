using System.Data.Common;
using System.Numerics;
using Dapper;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Watcher;
using OssFunding.Safe.Contracts;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>
/// The execution found on chain that used a nonce (SPEC §5 positive evidence): its SafeTx hash, the chain transaction
/// and block, and whether it was a rejection (to = the Safe, value 0, no data, CALL: the Safe{Wallet} convention).
/// </summary>
internal sealed record NonceUse(string? SafeTxHash, string TxHash, long BlockNumber, bool IsRejection);

/// <summary>
/// Finds, in the final part of the mirror, the execution that used a nonce, from one of two positive facts:
/// the L2 singleton's <c>SafeMultiSigTransaction</c> log announcing that nonce (it carries the executed SafeTx, so a
/// rejection is recognised by its fields), or an execution event of a SafeTx hash the ledger itself drafted at that
/// nonce (a rejection the operator asked for, a redraft). No such fact means nothing is known, never "someone else".
/// </summary>
internal static class NonceUses
{
    public static async Task<NonceUse?> FindAsync(DbConnection connection, string safe, long nonce, long final, string excludedSafeTxHash) =>
        await FromAnnouncementAsync(connection, safe, nonce, final, excludedSafeTxHash)
        ?? await FromLedgerDraftAsync(connection, safe, nonce, final, excludedSafeTxHash);

    private static async Task<NonceUse?> FromAnnouncementAsync(
        DbConnection connection, string safe, long nonce, long final, string excludedSafeTxHash)
    {
        var announcement = await connection.QueryFirstOrDefaultAsync<AnnouncementRow>(
            $"""
            SELECT tx_hash AS TxHash, log_index AS LogIndex, block_number AS BlockNumber, block_hash AS BlockHash,
                   topics AS Topics, data AS Data
            FROM chain_safe_events
            WHERE safe = @safe AND event = '{SafeEventNames.SafeMultiSigTransaction}' AND nonce = @nonce AND block_number <= @final
            ORDER BY block_number DESC, log_index DESC
            """,
            new { safe, nonce, final });
        if (announcement is null)
        {
            return null;
        }

        // The execution event the same chain transaction emitted right after the announcement names the SafeTx hash.
        var safeTxHash = await connection.QueryFirstOrDefaultAsync<string?>(
            $"""
            SELECT safe_tx_hash FROM chain_safe_events
            WHERE tx_hash = @TxHash AND log_index > @LogIndex
              AND event IN ('{SafeEventNames.ExecutionSuccess}', '{SafeEventNames.ExecutionFailure}')
            ORDER BY log_index
            """,
            new { announcement.TxHash, announcement.LogIndex });
        return string.Equals(safeTxHash, excludedSafeTxHash, StringComparison.OrdinalIgnoreCase)
            ? null
            : new NonceUse(safeTxHash, announcement.TxHash, announcement.BlockNumber, IsRejection(Decode(announcement, safe), safe));
    }

    private static async Task<NonceUse?> FromLedgerDraftAsync(
        DbConnection connection, string safe, long nonce, long final, string excludedSafeTxHash)
    {
        var row = await connection.QueryFirstOrDefaultAsync<DraftUseRow>(
            $"""
            SELECT e.safe_tx_hash AS SafeTxHash, e.tx_hash AS TxHash, e.block_number AS BlockNumber,
                   t.rejects_safe_tx_hash AS RejectsSafeTxHash
            FROM chain_safe_events e
            JOIN safe_transactions t ON t.safe_tx_hash = e.safe_tx_hash
            WHERE e.safe = @safe AND t.safe = @safe AND t.nonce = @nonce AND e.block_number <= @final
              AND e.event IN ('{SafeEventNames.ExecutionSuccess}', '{SafeEventNames.ExecutionFailure}')
              AND t.safe_tx_hash <> @excludedSafeTxHash
            ORDER BY e.block_number, e.log_index
            """,
            new { safe, nonce, final, excludedSafeTxHash });
        return row is null ? null : new NonceUse(row.SafeTxHash, row.TxHash, row.BlockNumber, row.RejectsSafeTxHash is not null);
    }

    private static bool IsRejection(SafeMultiSigTransactionLogged? executed, string safe) =>
        executed is not null
        && string.Equals(executed.To, safe, StringComparison.OrdinalIgnoreCase)
        && executed.Value.IsZero
        && executed.Data.Length == 0
        && executed.Operation == 0;

    private static SafeMultiSigTransactionLogged? Decode(AnnouncementRow row, string safe) =>
        SafeEventDecoder.TryDecode(new FilterLog
        {
            Address = safe,
            BlockNumber = new HexBigInteger(new BigInteger(row.BlockNumber)),
            BlockHash = row.BlockHash,
            TransactionHash = row.TxHash,
            LogIndex = new HexBigInteger(new BigInteger(row.LogIndex)),
            Topics = row.Topics.Split(',').Cast<object>().ToArray(),
            Data = row.Data,
        }) as SafeMultiSigTransactionLogged;

    private sealed record DraftUseRow(string SafeTxHash, string TxHash, long BlockNumber, string? RejectsSafeTxHash);

    private sealed record AnnouncementRow(string TxHash, long LogIndex, long BlockNumber, string BlockHash, string Topics, string Data);
}
