using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Chain;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Transactions;

/// <summary>A payment as the ledger states it: token symbol, recipient and amount in token units.</summary>
public sealed record LedgerPayment(string Token, string Recipient, decimal Amount);

/// <summary>A Safe transaction built from ledger payments: the SafeTx, its hashes and the typed data owners sign.</summary>
public sealed record BuiltTransaction(SafeTransaction Transaction, SafeTxHashes Hashes, string TypedDataJson)
{
    public string SafeTxHash => Hashes.SafeTxHashHex;
}

/// <summary>
/// Turns ledger payments into the Safe transaction signers sign, with the Safe project's encoder and hasher, and checks
/// a stored transaction against what its allocations rebuild to (SPEC §2.5: what signers sign is what the ledger says).
/// </summary>
public sealed class PaymentBatchBuilder(IOptions<ChainOptions> chain, IOptions<SafeOptions> safe, TokenUnits tokens)
{
    public string Safe { get; } = EthAddress.Normalize(safe.Value.Address, "Safe:Address");

    public SafeDomain Domain => new(chain.Value.ChainId, Safe);

    public BuiltTransaction Build(IReadOnlyList<LedgerPayment> payments, BigInteger nonce)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var onChain = payments
            .Select(payment => new Payment(tokens.AddressOf(payment.Token), payment.Recipient, tokens.ToBaseUnits(payment.Token, payment.Amount)))
            .ToList();
        var call = PaymentBatchEncoder.Encode(onChain, safe.Value.MultiSendCallOnly);
        var transaction = SafeTransaction.WithoutRefund(call, nonce);
        return new BuiltTransaction(transaction, SafeTxHasher.Hash(Domain, transaction), SafeTxTypedData.ToJson(Domain, transaction));
    }

    /// <summary>
    /// The on-chain rejection of whatever waits at <paramref name="nonce"/>, as Safe{Wallet} drafts it (SPEC §5): to = the
    /// Safe itself, value 0, no data, CALL, no refund. Executing it only moves the Safe's nonce.
    /// </summary>
    public BuiltTransaction BuildRejection(BigInteger nonce)
    {
        var transaction = SafeTransaction.WithoutRefund(new SafeCall(Safe, BigInteger.Zero, ReadOnlyMemory<byte>.Empty, SafeOperation.Call), nonce);
        return new BuiltTransaction(transaction, SafeTxHasher.Hash(Domain, transaction), SafeTxTypedData.ToJson(Domain, transaction));
    }

    /// <summary>
    /// Rebuilds the transaction from its allocations (their current ledger values, in batch order) and compares every
    /// field signers sign, the hash and the stored typed data. Returns the rebuilt transaction when everything matches,
    /// or what differs.
    /// </summary>
    internal RebuildResult Rebuild(TransactionRow row, IReadOnlyList<PaymentLine> lines)
    {
        if (row.IsRejection)
        {
            return RebuildRejection(row, lines);
        }

        if (lines.Count == 0)
        {
            return RebuildResult.Mismatch($"Safe tx {row.SafeTxHash} has no allocations to rebuild it from.");
        }

        var drifted = lines.FirstOrDefault(line => line.Recipient != line.DraftRecipient || line.Token != line.DraftToken
            || ExactDecimal.FromStored(line.Amount) != ExactDecimal.FromStored(line.DraftAmount));
        if (drifted is not null)
        {
            return RebuildResult.Mismatch(
                $"allocation {drifted.AllocationId} now says {drifted.Amount} {drifted.Token} to {drifted.Recipient}, but the transaction was drafted with {drifted.DraftAmount} {drifted.DraftToken} to {drifted.DraftRecipient}.");
        }

        BuiltTransaction rebuilt;
        try
        {
            rebuilt = Build(
                lines.OrderBy(line => line.Position).Select(line => new LedgerPayment(line.Token, line.Recipient, ExactDecimal.FromStored(line.Amount))).ToList(),
                row.Nonce);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return RebuildResult.Mismatch($"its allocations cannot be encoded: {exception.Message}");
        }

        var differences = Differences(rebuilt, row);
        return differences.Count == 0
            ? new RebuildResult(rebuilt, null)
            : RebuildResult.Mismatch($"the stored transaction differs from what its allocations rebuild to in {string.Join(", ", differences)}.");
    }

    /// <summary>A rejection pays nothing: it must have no allocations and be exactly the rejection of its nonce.</summary>
    private RebuildResult RebuildRejection(TransactionRow row, IReadOnlyList<PaymentLine> lines)
    {
        if (lines.Count > 0)
        {
            return RebuildResult.Mismatch($"Safe tx {row.SafeTxHash} is a rejection but holds {lines.Count} allocation(s).");
        }

        var rebuilt = BuildRejection(row.Nonce);
        var differences = Differences(rebuilt, row);
        return differences.Count == 0
            ? new RebuildResult(rebuilt, null)
            : RebuildResult.Mismatch($"the stored rejection differs from the rejection of nonce {row.Nonce} in {string.Join(", ", differences)}.");
    }

    private List<string> Differences(BuiltTransaction rebuilt, TransactionRow row)
    {
        var tx = rebuilt.Transaction;
        var differences = new List<string>();
        Compare(differences, "safe", Safe, row.Safe);
        Compare(differences, "chainId", chain.Value.ChainId.ToString(CultureInfo.InvariantCulture), row.ChainId.ToString(CultureInfo.InvariantCulture));
        Compare(differences, "to", tx.To, row.ToAddress);
        Compare(differences, "value", tx.Value.ToString(CultureInfo.InvariantCulture), row.Value);
        Compare(differences, "data", tx.DataHex, row.Data);
        Compare(differences, "operation", ((int)tx.Operation).ToString(CultureInfo.InvariantCulture), row.Operation.ToString(CultureInfo.InvariantCulture));
        Compare(differences, "safeTxGas/baseGas/gasPrice", "0/0/0", $"{row.SafeTxGas}/{row.BaseGas}/{row.GasPrice}");
        Compare(differences, "gasToken/refundReceiver", $"{EthAddress.Zero}/{EthAddress.Zero}", $"{row.GasToken}/{row.RefundReceiver}");
        Compare(differences, "safeTxHash", rebuilt.SafeTxHash, row.SafeTxHash);
        Compare(differences, "typedData", rebuilt.TypedDataJson, row.TypedData);
        return differences;
    }

    private static void Compare(List<string> differences, string field, string expected, string actual)
    {
        var equal = expected.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase)
            : string.Equals(expected, actual, StringComparison.Ordinal);
        if (!equal)
        {
            differences.Add(field);
        }
    }
}

/// <summary>A stored transaction rebuilt from its allocations: <see cref="Built"/> when it matches, else <see cref="Problem"/>.</summary>
internal sealed record RebuildResult(BuiltTransaction? Built, string? Problem)
{
    public static RebuildResult Mismatch(string problem) => new(null, problem);
}
