using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.MultiSend;

namespace OssFunding.Pipeline.Signing;

/// <summary>
/// One payment as a signer is asked to approve it: token, recipient and amount decoded from the calldata the worker
/// rebuilt from the ledger, next to the allocation it pays. <see cref="Token"/> is the configured symbol (or the
/// contract address of a token the worker does not know, with <see cref="Amount"/> then in base units).
/// </summary>
public sealed record ReviewedPayment(
    string AllocationId, string Project, string Recipient, string Token, string TokenAddress, string Amount, string? ApprovalRef);

/// <summary>
/// What the signer page shows of a transaction (SPEC §7): the resource, the owners it counts signatures from, and the
/// payments decoded from the rebuilt calldata with their totals. <see cref="Problem"/> is set when the stored
/// transaction does not rebuild to what the ledger says: then nothing is shown as payable and nobody should sign.
/// </summary>
public sealed record TransactionReview(
    TransactionView Transaction,
    IReadOnlyList<string> Owners,
    IReadOnlyList<ReviewedPayment> Payments,
    IReadOnlyList<TransactionTotalView> Totals,
    string? Problem)
{
    /// <summary>Signatures are accepted in this status (the signature endpoint says 409 otherwise).</summary>
    public bool Collecting => TransactionStatuses.Collecting.Contains(Transaction.Status);
}

/// <summary>
/// Reads a transaction for the signer page. The payments shown are decoded from the calldata rebuilt from the
/// allocations and compared with the stored transaction (the same check the signature endpoint makes, SPEC §2.5), so
/// the page shows what a signature would approve, not what a ledger row claims.
/// </summary>
public sealed class TransactionReviews(LedgerDatabase database, PaymentBatchBuilder builder, TokenUnits tokens, IOptions<SafeOptions> safe)
{
    /// <summary>The review of the transaction with this SafeTx hash (any case), or null when the worker has none.</summary>
    public async Task<TransactionReview?> GetAsync(string safeTxHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(safeTxHash);
        var hash = safeTxHash.ToLowerInvariant();
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await TransactionLedger.FindAsync(connection, null, hash);
        if (row is null)
        {
            return null;
        }

        var view = (await TransactionQueries.ToViewsAsync(connection, null, [row]))[0];
        var lines = (await TransactionLedger.PaymentsAsync(connection, null, [hash])).OrderBy(line => line.Position).ToList();
        return Review(row, view, lines);
    }

    private TransactionReview Review(TransactionRow row, TransactionView view, List<PaymentLine> lines)
    {
        var owners = OwnerList.FromJson(row.Owners);
        var rebuilt = builder.Rebuild(row, lines);
        if (rebuilt.Built is null)
        {
            return new TransactionReview(view, owners, [], [], rebuilt.Problem);
        }

        if (row.IsRejection)
        {
            return new TransactionReview(view, owners, [], [], null); // pays nothing: the page says what it cancels
        }

        IReadOnlyList<Payment> decoded;
        try
        {
            decoded = PaymentBatchDecoder.Decode(rebuilt.Built.Transaction.Call, safe.Value.MultiSendCallOnly);
        }
        catch (PaymentCalldataException e)
        {
            return new TransactionReview(view, owners, [], [], e.Message);
        }

        if (decoded.Count != lines.Count)
        {
            return new TransactionReview(view, owners, [], [],
                $"the calldata holds {decoded.Count} transfers but the transaction has {lines.Count} allocations.");
        }

        var payments = decoded.Zip(lines, ToReviewed).ToList();
        return new TransactionReview(view, owners, payments, Totals(payments), null);
    }

    private ReviewedPayment ToReviewed(Payment payment, PaymentLine line)
    {
        var symbol = tokens.SymbolOf(payment.Token);
        var amount = symbol is null ? payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) : tokens.ToTokenUnits(symbol, payment.Amount);
        return new ReviewedPayment(line.AllocationId, line.Project, payment.Recipient, symbol ?? payment.Token, payment.Token, amount, line.ApprovalRef);
    }

    private static List<TransactionTotalView> Totals(IEnumerable<ReviewedPayment> payments) =>
        payments.GroupBy(payment => payment.Token, StringComparer.Ordinal)
            .Select(group => new TransactionTotalView(group.Key,
                ExactDecimal.ToCanonical(ExactDecimal.Sum(group.Select(payment => ExactDecimal.FromStored(payment.Amount))))))
            .OrderBy(total => total.Token, StringComparer.Ordinal)
            .ToList();
}
