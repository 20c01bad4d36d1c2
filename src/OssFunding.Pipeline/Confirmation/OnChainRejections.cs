using System.Data.Common;
using System.Numerics;
using Dapper;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Watcher;
using OssFunding.Safe.Contracts;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>The on-chain rejection that consumed a nonce: its own SafeTx hash and the chain transaction that executed it.</summary>
internal sealed record OnChainRejection(string? SafeTxHash, string TxHash, long BlockNumber);

/// <summary>
/// Finds whether the execution that consumed a nonce was a rejection, the empty transaction Safe{Wallet} creates to cancel
/// (SPEC §5): to = the Safe itself, value 0, no data, operation CALL. Read from the L2 singleton's
/// <c>SafeMultiSigTransaction</c> log, which carries the executed SafeTx; without that log (the mirror starts later) the
/// execution is unknown and the caller treats the transaction as superseded.
/// </summary>
internal static class OnChainRejections
{
    public static async Task<OnChainRejection?> FindAsync(DbConnection connection, string safe, long nonce, long final)
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
        if (announcement is null || !IsRejection(Decode(announcement, safe), safe))
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
        return new OnChainRejection(safeTxHash, announcement.TxHash, announcement.BlockNumber);
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

    private sealed record AnnouncementRow(string TxHash, long LogIndex, long BlockNumber, string BlockHash, string Topics, string Data);
}
