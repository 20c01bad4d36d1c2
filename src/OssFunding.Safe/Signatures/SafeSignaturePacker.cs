using System.Numerics;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Signatures;

/// <summary>
/// Builds the <c>signatures</c> argument of <c>execTransaction</c>: static blocks in ascending owner order,
/// then the contract owners' data, each static block's s pointing at its length-prefixed data.
/// </summary>
public static class SafeSignaturePacker
{
    /// <summary>Packs every signature, ordered by owner; refuses a second signature from the same owner.</summary>
    public static byte[] Pack(IEnumerable<VerifiedSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var ordered = signatures.OrderBy(s => s.Owner, Comparer<string>.Create(EthAddress.CompareNumerically)).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (EthAddress.AreEqual(ordered[i].Owner, ordered[i - 1].Owner))
            {
                throw new SafeSignatureException(SignatureRejection.DuplicateOwner,
                    $"Owner {ordered[i].Owner} signed more than once; the Safe takes one signature per owner.", ordered[i].Owner);
            }
        }

        return Encode(ordered.Select(s => s.Signature).ToList());
    }

    /// <summary>
    /// Packs exactly <paramref name="threshold"/> signatures (the lowest owners; the Safe checks only that many),
    /// or says how many are missing.
    /// </summary>
    public static byte[] PackForExecution(IReadOnlyCollection<VerifiedSignature> signatures, int threshold)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        var owners = signatures.Select(s => s.Owner.ToUpperInvariant()).Distinct().Count();
        if (owners < threshold)
        {
            throw new SafeSignatureException(SignatureRejection.ThresholdNotMet,
                $"{owners} of {threshold} required owner signatures collected.");
        }

        Pack(signatures); // refuses duplicates before any are dropped
        var chosen = signatures.OrderBy(s => s.Owner, Comparer<string>.Create(EthAddress.CompareNumerically)).Take(threshold);
        return Pack(chosen);
    }

    /// <summary>Encodes signatures in the given order (the caller owns ordering).</summary>
    internal static byte[] Encode(IReadOnlyList<SafeSignature> signatures)
    {
        var staticPart = new List<byte>(signatures.Count * SafeSignatureParser.StaticLength);
        var dynamicPart = new List<byte>();
        var staticLength = signatures.Count * SafeSignatureParser.StaticLength;
        foreach (var signature in signatures)
        {
            staticPart.AddRange(signature.NamedOwner is { } owner ? EthAddress.ToWord(owner) : signature.R);
            if (signature.Type == SafeSignatureType.Eip1271)
            {
                staticPart.AddRange(Word(staticLength + dynamicPart.Count));
                dynamicPart.AddRange(Word(signature.ContractSignature.Length));
                dynamicPart.AddRange(signature.ContractSignature);
            }
            else
            {
                staticPart.AddRange(signature.Type == SafeSignatureType.ApprovedHash ? new byte[32] : signature.S);
            }

            staticPart.Add(signature.V);
        }

        return [.. staticPart, .. dynamicPart];
    }

    private static byte[] Word(int value)
    {
        var raw = new BigInteger(value).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - raw.Length], .. raw];
    }
}
