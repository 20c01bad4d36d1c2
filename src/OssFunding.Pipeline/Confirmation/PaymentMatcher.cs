using System.Globalization;
using System.Numerics;
using OssFunding.Chain.Mirror;
using OssFunding.Pipeline.Chain;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>A payment of a transaction: allocation, recipient, token symbol, amount in token units (as drafted).</summary>
internal sealed record ExpectedPayment(string AllocationId, string Recipient, string Token, string Amount);

/// <summary>A payment proven by a Transfer log.</summary>
internal sealed record MatchedPayment(ExpectedPayment Payment, TokenTransfer Transfer);

/// <summary>
/// Matches a transaction's payments to the Transfer logs of its execution (SPEC §2.3): token, from = the Safe,
/// to = recipient and the exact amount, each log used by at most one payment. Pure; the confirmer decides what to do.
/// </summary>
internal static class PaymentMatcher
{
    /// <summary>The matches when every payment has its log, else a description of what is missing.</summary>
    public static (IReadOnlyList<MatchedPayment>? Matches, string? Problem) Match(
        IReadOnlyList<ExpectedPayment> payments, IReadOnlyList<TokenTransfer> transfers, string safe, TokenUnits tokens)
    {
        var unused = transfers.ToList();
        var matches = new List<MatchedPayment>(payments.Count);
        var missing = new List<string>();
        foreach (var payment in payments)
        {
            var token = tokens.AddressOf(payment.Token);
            var amount = tokens.ToBaseUnits(payment.Token, decimal.Parse(payment.Amount, CultureInfo.InvariantCulture));
            var log = unused.FirstOrDefault(transfer => EthAddress.AreEqual(transfer.Token, token)
                && EthAddress.AreEqual(transfer.From, safe) && EthAddress.AreEqual(transfer.To, payment.Recipient)
                && BigInteger.Parse(transfer.Amount, CultureInfo.InvariantCulture) == amount);
            if (log is null)
            {
                missing.Add($"allocation {payment.AllocationId} ({payment.Amount} {payment.Token} to {payment.Recipient})");
                continue;
            }

            unused.Remove(log);
            matches.Add(new MatchedPayment(payment, log));
        }

        if (missing.Count == 0)
        {
            return (matches, null);
        }

        var found = transfers.Count == 0
            ? "no Transfer logs"
            : string.Join(", ", transfers.Select(t => $"{t.Amount} of {t.Token} to {t.To} (log {t.LogIndex})"));
        return (null, $"no matching Transfer log for {string.Join("; ", missing)}; the execution emitted {found}.");
    }
}
