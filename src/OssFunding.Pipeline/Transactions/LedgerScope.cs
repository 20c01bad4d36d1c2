using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// The ledger serves one (chain id, Safe) at a time (SPEC §10). A treasury that moves to a new Safe, or a configuration
/// pointed at another chain, must not find live transactions of the old one: they would be superseded against the new
/// Safe's nonce (their allocations released and paid again) while their signatures still execute on the old Safe.
/// Checked after migrations, before anything runs.
/// </summary>
public sealed class LedgerScope(LedgerDatabase database, IOptions<ChainOptions> chain, IOptions<SafeOptions> safe)
{
    /// <summary>One line per live or not yet final transaction that belongs to another Safe or chain; empty when the ledger is in scope.</summary>
    public async Task<IReadOnlyList<string>> FindForeignLiveTransactionsAsync(CancellationToken cancellationToken)
    {
        var address = EthAddress.Normalize(safe.Value.Address, "Safe:Address");
        var chainId = chain.Value.ChainId;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForeignRow>(
            $"""
            SELECT safe_tx_hash AS SafeTxHash, safe AS Safe, chain_id AS ChainId, nonce AS Nonce, status AS Status
            FROM safe_transactions
            WHERE status IN {SqlLists.Names([.. TransactionStatuses.Pending, TransactionStatus.Executed])}
              AND (lower(safe) <> lower(@address) OR chain_id <> @chainId)
            ORDER BY chain_id, safe, nonce
            """,
            new { address, chainId });
        return rows.Select(row => string.Create(CultureInfo.InvariantCulture,
                $"Safe:Address: the ledger holds live Safe tx {row.SafeTxHash} ({row.Status}, nonce {row.Nonce}) of Safe {row.Safe} on chain {row.ChainId}, not of Safe {address} on chain {chainId}. Finish or cancel it with the configuration it was drafted under (its signatures can still execute it there) before switching; nothing was changed."))
            .ToList();
    }

    private sealed record ForeignRow(string SafeTxHash, string Safe, long ChainId, long Nonce, string Status);
}
