using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Nethereum.Util;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;

namespace OssFunding.Chain.Mirror;

/// <summary>
/// Reads the mirror for the confirmer and reports. Every method can run inside the caller's transaction (pass it)
/// for a consistent view together with the caller's own writes; <c>IsFinal</c> is relative to the stored final block.
/// </summary>
public sealed class ChainMirrorReader(LedgerDatabase database, IOptions<SafeOptions> safeOptions)
{
    private const string EventColumns =
        """
        tx_hash AS TxHash, log_index AS LogIndex, safe AS Safe, block_number AS BlockNumber, block_hash AS BlockHash,
        event AS Event, safe_tx_hash AS SafeTxHash, payment AS Payment, owner AS Owner, approved_hash AS ApprovedHash,
        threshold AS Threshold, module AS Module, nonce AS Nonce, topics AS Topics, data AS Data
        """;

    private string Safe => AddressUtil.Current.ConvertToChecksumAddress(safeOptions.Value.Address);

    /// <summary>Null before the watcher's first poll.</summary>
    public Task<ChainPosition?> GetPositionAsync(CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        WithConnectionAsync(transaction, async connection =>
        {
            var checkpoint = await ChainMirrorStore.LoadCheckpointAsync(connection, transaction, Safe);
            return checkpoint is null ? null : new ChainPosition(checkpoint.Head, checkpoint.Number, checkpoint.Final);
        }, cancellationToken);

    /// <summary>Executions in blocks ≥ <paramref name="fromBlock"/>, in chain order, each with its transfers.</summary>
    public Task<IReadOnlyList<SafeExecution>> GetExecutionsAsync(
        long fromBlock, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        WithConnectionAsync(transaction, async connection =>
        {
            var final = await FinalAsync(connection, transaction);
            var events = (await connection.QueryAsync<SafeEventRow>(
                $"""
                SELECT {EventColumns} FROM chain_safe_events
                WHERE safe = @safe AND block_number >= @fromBlock
                  AND event IN {SqlLists.Names(SafeEventNames.Executions.Append(SafeEventNames.SafeMultiSigTransaction))}
                ORDER BY block_number, log_index
                """,
                new { safe = Safe, fromBlock },
                transaction)).ToList();
            var transfers = (await ReadTransfersAsync(connection, transaction, fromBlock, final))
                .ToLookup(transfer => (transfer.TxHash, transfer.ExecutionLogIndex));
            return (IReadOnlyList<SafeExecution>)events.Where(row => row.IsExecution)
                .Select(row => ToExecution(row, events, transfers[(row.TxHash, row.LogIndex)].ToList(), final))
                .ToList();
        }, cancellationToken);

    /// <summary>Every token transfer out of the Safe in blocks ≥ <paramref name="fromBlock"/> (planned or not).</summary>
    public Task<IReadOnlyList<TokenTransfer>> GetTransfersAsync(
        long fromBlock, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        WithConnectionAsync(transaction, async connection =>
            await ReadTransfersAsync(connection, transaction, fromBlock, await FinalAsync(connection, transaction)),
            cancellationToken);

    public Task<IReadOnlyList<OwnerChange>> GetOwnerChangesAsync(
        long fromBlock, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        WithConnectionAsync(transaction, async connection =>
        {
            var final = await FinalAsync(connection, transaction);
            var rows = await ReadEventsAsync(connection, transaction, fromBlock,
                [SafeEventNames.AddedOwner, SafeEventNames.RemovedOwner, SafeEventNames.ChangedThreshold]);
            return (IReadOnlyList<OwnerChange>)rows.Select(row => new OwnerChange(
                row.Event, row.Owner, row.Threshold, row.TxHash, row.BlockNumber, row.LogIndex, row.BlockNumber <= final)).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<HashApproval>> GetHashApprovalsAsync(
        long fromBlock, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        WithConnectionAsync(transaction, async connection =>
        {
            var final = await FinalAsync(connection, transaction);
            var rows = await ReadEventsAsync(connection, transaction, fromBlock, [SafeEventNames.ApproveHash]);
            return (IReadOnlyList<HashApproval>)rows.Select(row => ToApproval(row, final)).ToList();
        }, cancellationToken);

    /// <summary>Mirrored approveHash calls (any owner) of the given SafeTx hashes, in chain order.</summary>
    public Task<IReadOnlyList<HashApproval>> GetHashApprovalsOfAsync(
        IReadOnlyCollection<string> approvedHashes, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        WithConnectionAsync(transaction, async connection =>
        {
            if (approvedHashes.Count == 0)
            {
                return (IReadOnlyList<HashApproval>)[];
            }

            var final = await FinalAsync(connection, transaction);
            var parameters = new DynamicParameters(new { safe = Safe, kind = SafeEventNames.ApproveHash });
            var rows = await connection.QueryAsync<SafeEventRow>(
                $"""
                SELECT {EventColumns} FROM chain_safe_events
                WHERE safe = @safe AND event = @kind AND approved_hash IN {SqlLists.Values(parameters, "hash", approvedHashes)}
                ORDER BY block_number, log_index
                """,
                parameters, transaction);
            return (IReadOnlyList<HashApproval>)rows.Select(row => ToApproval(row, final)).ToList();
        }, cancellationToken);

    private static HashApproval ToApproval(SafeEventRow row, long final) =>
        new(row.Owner!, row.ApprovedHash!, row.TxHash, row.BlockNumber, row.LogIndex, row.BlockNumber <= final);

    private static SafeExecution ToExecution(
        SafeEventRow row, List<SafeEventRow> events, List<TokenTransfer> transfers, long final)
    {
        // The L2 singleton emits SafeMultiSigTransaction (with the nonce) just before the execution it announces.
        var announcement = events.LastOrDefault(other => other.TxHash == row.TxHash && other.LogIndex < row.LogIndex
                                                         && other.Event == SafeEventNames.SafeMultiSigTransaction);
        var success = row.Event is SafeEventNames.ExecutionSuccess or SafeEventNames.ExecutionFromModuleSuccess;
        return new SafeExecution(row.SafeTxHash, success, row.Module, row.TxHash, row.BlockNumber, row.BlockHash, row.LogIndex,
            row.Payment, row.SafeTxHash is null ? null : announcement?.Nonce, row.BlockNumber <= final, transfers);
    }

    private async Task<IReadOnlyList<SafeEventRow>> ReadEventsAsync(
        DbConnection connection, DbTransaction? transaction, long fromBlock, string[] kinds) =>
        (await connection.QueryAsync<SafeEventRow>(
            $"""
            SELECT {EventColumns} FROM chain_safe_events
            WHERE safe = @safe AND block_number >= @fromBlock AND event IN {SqlLists.Names(kinds)}
            ORDER BY block_number, log_index
            """,
            new { safe = Safe, fromBlock }, transaction)).ToList();

    private async Task<IReadOnlyList<TokenTransfer>> ReadTransfersAsync(
        DbConnection connection, DbTransaction? transaction, long fromBlock, long final)
    {
        var rows = await connection.QueryAsync<TransferRow>(
            """
            SELECT tx_hash AS TxHash, log_index AS LogIndex, safe AS Safe, block_number AS BlockNumber, block_hash AS BlockHash,
                   token AS Token, from_address AS FromAddress, to_address AS ToAddress, amount AS Amount,
                   execution_log_index AS ExecutionLogIndex
            FROM chain_transfers WHERE safe = @safe AND block_number >= @fromBlock ORDER BY block_number, log_index
            """,
            new { safe = Safe, fromBlock }, transaction);
        return rows.Select(row => new TokenTransfer(row.Token, row.FromAddress, row.ToAddress, row.Amount, row.TxHash,
            row.BlockNumber, row.BlockHash, row.LogIndex, row.ExecutionLogIndex, row.BlockNumber <= final)).ToList();
    }

    private async Task<long> FinalAsync(DbConnection connection, DbTransaction? transaction) =>
        (await ChainMirrorStore.LoadCheckpointAsync(connection, transaction, Safe))?.Final ?? -1;

    private async Task<T> WithConnectionAsync<T>(
        DbTransaction? transaction, Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return await read(transaction.Connection!);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await read(connection);
    }
}
