using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Signing;

/// <summary>
/// The <c>signatures</c> argument of <c>execTransaction</c>, chosen at execution time (SPEC §6): every stored signature is
/// verified again against the Safe's current owners and chain state, because what was true when it was posted may not be
/// now (a contract owner revoked it, an approveHash was reorged away, an owner was removed, the row was altered). Any
/// threshold subset of the signatures that still verify is packed, so one stale signature does not block execution when
/// others suffice.
/// </summary>
public static class ExecutionSignatures
{
    public static async Task<SignatureSelection> SelectAsync(
        ISafeSignatureChainReader chain, TransactionView transaction, SignatureCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(context);
        var verifier = new SafeSignatureVerifier(chain);
        var valid = new List<VerifiedSignature>();
        var refused = new List<RefusedSignature>();
        foreach (var stored in transaction.Signatures)
        {
            if (!context.IsOwner(stored.Owner))
            {
                refused.Add(new RefusedSignature(stored.Owner, "is no longer an owner of the Safe"));
                continue;
            }

            try
            {
                var parsed = SafeSignatureParser.ParseSingle(stored.Signature.HexToByteArray());
                var verified = await verifier.VerifyAsync(context, parsed, stored.Owner, null, cancellationToken);
                if (EthAddress.AreEqual(verified.Owner, stored.Owner))
                {
                    valid.Add(verified);
                }
                else
                {
                    refused.Add(new RefusedSignature(stored.Owner, $"the stored signature is {verified.Owner}'s"));
                }
            }
            catch (SafeSignatureException exception)
            {
                refused.Add(new RefusedSignature(stored.Owner, exception.Message));
            }
        }

        var packed = valid.Count >= context.Threshold ? SafeSignaturePacker.PackForExecution(valid, context.Threshold) : null;
        return new SignatureSelection(packed, valid.Count, context.Threshold, refused);
    }
}

/// <summary>A stored signature that no longer verifies, and why.</summary>
public sealed record RefusedSignature(string Owner, string Reason)
{
    public override string ToString() => $"{Owner}: {Reason}";
}

/// <summary>
/// What <see cref="ExecutionSignatures.SelectAsync"/> found: the packed signatures when at least the threshold still
/// verify (<see cref="Packed"/> is null otherwise), and the stored signatures left out.
/// </summary>
public sealed record SignatureSelection(byte[]? Packed, int Valid, int Threshold, IReadOnlyList<RefusedSignature> Refused)
{
    public string Describe() =>
        $"{Valid} of {Threshold} required stored signatures verify now" + (Refused.Count == 0 ? "" : $"; left out: {string.Join("; ", Refused)}");
}
