using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Transactions;

/// <summary>Reads Safe transactions and recorded payments as the API resources of SPEC §7.</summary>
public sealed class TransactionQueries(LedgerDatabase database)
{
    /// <summary>Every transaction, or those in <paramref name="status"/>, newest nonce first.</summary>
    public async Task<IReadOnlyList<TransactionView>> ListAsync(TransactionStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await TransactionLedger.ListAsync(connection, null, status is { } only ? [only] : null);
        return await ToViewsAsync(connection, null, rows);
    }

    /// <summary>The transaction with this SafeTx hash (any case), or null.</summary>
    public async Task<TransactionView?> GetAsync(string safeTxHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(safeTxHash);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await TransactionLedger.FindAsync(connection, null, safeTxHash.ToLowerInvariant());
        return row is null ? null : (await ToViewsAsync(connection, null, [row]))[0];
    }

    /// <summary>On-chain payments recorded for allocations of <paramref name="period"/> (all when null), in chain order.</summary>
    public async Task<IReadOnlyList<PaymentView>> ListPaymentsAsync(string? period, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaymentRow>(
            new CommandDefinition(
                """
                SELECT p.allocation_id AS AllocationId, a.period AS Period, a.project AS Project, p.recipient AS Recipient,
                       p.token AS Token, p.amount AS Amount, p.tx_hash AS TxHash, p.block_number AS BlockNumber,
                       p.log_index AS LogIndex, p.safe_tx_hash AS SafeTxHash, p.recorded_at AS RecordedAt
                FROM payments p JOIN allocations a ON a.id = p.allocation_id
                WHERE p.kind = 'OnChain' AND (@period IS NULL OR a.period = @period)
                ORDER BY p.block_number, p.log_index
                """,
                new { period }, cancellationToken: cancellationToken));
        return rows.Select(row => new PaymentView(row.AllocationId, row.Period, row.Project, row.Recipient, row.Token, row.Amount,
            row.TxHash, row.BlockNumber, row.LogIndex, row.SafeTxHash, LedgerTime.FromStored(row.RecordedAt))).ToList();
    }

    internal static async Task<IReadOnlyList<TransactionView>> ToViewsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<TransactionRow> rows)
    {
        var hashes = rows.Select(row => row.SafeTxHash).ToList();
        var payments = (await TransactionLedger.PaymentsAsync(connection, transaction, hashes)).ToLookup(line => line.SafeTxHash);
        var signatures = (await TransactionLedger.SignaturesAsync(connection, transaction, hashes)).ToLookup(sig => sig.SafeTxHash);
        var rejections = await TransactionLedger.RejectionsOfAsync(connection, transaction, hashes);
        return rows.Select(row => ToView(row, payments[row.SafeTxHash].ToList(), signatures[row.SafeTxHash].ToList()) with
        {
            Rejects = row.RejectsSafeTxHash,
            RejectedBy = rejections.GetValueOrDefault(row.SafeTxHash),
        }).ToList();
    }

    internal static TransactionView ToView(TransactionRow row, IReadOnlyList<PaymentLine> payments, IReadOnlyList<SignatureRow> signatures)
    {
        var owners = OwnerList.FromJson(row.Owners);
        var signed = signatures.Select(sig => sig.Owner).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var totals = payments.GroupBy(line => line.DraftToken, StringComparer.Ordinal)
            .Select(group => new TransactionTotalView(group.Key,
                ExactDecimal.ToCanonical(ExactDecimal.Sum(group.Select(line => ExactDecimal.FromStored(line.DraftAmount))))))
            .OrderBy(total => total.Token, StringComparer.Ordinal)
            .ToList();
        return new TransactionView(
            row.SafeTxHash, row.Safe, row.ChainId, row.Nonce, row.TransactionStatus, row.StatusReason, row.ToAddress, row.Value,
            row.Data, (int)row.Operation, (int)row.Threshold, row.SafeVersion,
            payments.OrderBy(line => line.Position)
                .Select(line => new TransactionPaymentView(line.AllocationId, line.Project, line.DraftRecipient, line.DraftToken, line.DraftAmount))
                .ToList(),
            totals,
            signatures.OrderBy(sig => sig.Owner, Comparer<string>.Create(EthAddress.CompareNumerically))
                .Select(sig => new SignatureView(sig.Owner, sig.SignatureType, sig.Signature, sig.Source, LedgerTime.FromStored(sig.CreatedAt)))
                .ToList(),
            owners.Where(owner => !signed.Contains(owner)).ToList(),
            JsonNode.Parse(row.TypedData)!.AsObject(),
            row.ExecutionTxHash, row.BlockNumber,
            LedgerTime.FromStored(row.CreatedAt), LedgerTime.FromStored(row.UpdatedAt));
    }

    private sealed record PaymentRow(
        string AllocationId, string Period, string Project, string Recipient, string Token, string Amount, string TxHash,
        long BlockNumber, long LogIndex, string SafeTxHash, string RecordedAt);
}
