using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;

namespace OssFunding.Pipeline.Signing;

/// <summary>The <c>signatures</c> argument of <c>execTransaction</c> for a transaction that is ready to execute.</summary>
public static class ExecutionSignatures
{
    /// <summary>
    /// Packs the stored signatures of current owners (<see cref="TransactionView.Signatures"/> filtered by
    /// <paramref name="owners"/>), exactly threshold many in ascending owner order, as the Safe requires.
    /// </summary>
    /// <exception cref="SafeSignatureException">Fewer than <paramref name="threshold"/> owners signed.</exception>
    public static byte[] Pack(TransactionView transaction, IReadOnlyCollection<string> owners, int threshold)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(owners);
        var current = owners.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verified = transaction.Signatures
            .Where(signature => current.Contains(signature.Owner))
            .Select(signature => new VerifiedSignature(signature.Owner, Enum.Parse<SafeSignatureType>(signature.Type),
                SafeSignatureParser.ParseSingle(signature.Signature.HexToByteArray())))
            .ToList();
        return SafeSignaturePacker.PackForExecution(verified, threshold);
    }
}
