using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Signatures;

/// <summary>
/// Verifies Safe signatures with the rules of the contract's <c>checkSignatures</c> (1.3.0, 1.4.1 and 1.5.0):
/// EIP-712 ECDSA, eth_sign, approved hash and EIP-1271 contract owners, against the current owner set.
/// Refusals are <see cref="SafeSignatureException"/>s naming the reason.
/// </summary>
public sealed class SafeSignatureVerifier(ISafeSignatureChainReader chain)
{
    /// <summary>Parses and verifies one owner's signature as posted (see <see cref="SafeSignatureParser.ParseSingle"/>).</summary>
    public Task<VerifiedSignature> VerifyAsync(
        SignatureCheckContext context, ReadOnlyMemory<byte> signature, string? expectedOwner = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(context, SafeSignatureParser.ParseSingle(signature.Span), expectedOwner, null, cancellationToken);

    /// <summary>
    /// Verifies one signature. With <paramref name="expectedOwner"/> (who says they signed), an ECDSA signature
    /// that recovers to anyone else is reported as over a different hash rather than from a non-owner
    /// (approved-hash and contract signatures name their owner in r, so it is not needed for them).
    /// </summary>
    public async Task<VerifiedSignature> VerifyAsync(
        SignatureCheckContext context, SafeSignature signature, string? expectedOwner = null, int? index = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signature);
        var owner = signature.Type switch
        {
            SafeSignatureType.Eip712 or SafeSignatureType.EthSign => RecoverOwner(context, signature, expectedOwner, index),
            SafeSignatureType.ApprovedHash => await CheckApprovedHashAsync(context, signature, index, cancellationToken),
            _ => await CheckContractSignatureAsync(context, signature, index, cancellationToken),
        };
        return new VerifiedSignature(owner, signature.Type, signature);
    }

    /// <summary>
    /// What <c>checkSignatures(dataHash, data, signatures)</c> decides for a packed set: the first threshold
    /// signatures must each be valid, from owners, in strictly ascending owner order. Returns them, or throws
    /// for the first one that fails.
    /// </summary>
    public async Task<IReadOnlyList<VerifiedSignature>> CheckSignaturesAsync(
        SignatureCheckContext context, ReadOnlyMemory<byte> signatures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = SafeSignatureParser.ParseConcatenated(signatures.Span, context.Threshold);
        var verified = new List<VerifiedSignature>(parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var current = await VerifyAsync(context, parsed[i], null, i, cancellationToken);
            if (verified.Count > 0)
            {
                RequireAscending(verified[^1].Owner, current.Owner, i);
            }

            verified.Add(current);
        }

        return verified;
    }

    private static void RequireAscending(string previous, string current, int index)
    {
        var order = EthAddress.CompareNumerically(current, previous);
        if (order == 0)
        {
            throw new SafeSignatureException(SignatureRejection.DuplicateOwner,
                $"owner {current} already signed in the previous signature.", current, index);
        }

        if (order < 0)
        {
            throw new SafeSignatureException(SignatureRejection.OutOfOrder,
                $"owner {current} comes after {previous}; signatures must be sorted by ascending owner address.", current, index);
        }
    }

    private static string RecoverOwner(SignatureCheckContext context, SafeSignature signature, string? expectedOwner, int? index)
    {
        var hash = context.Hashes.SafeTxHash;
        var isEthSign = signature.Type == SafeSignatureType.EthSign;
        var recovered = Recover(hash, signature, isEthSign) ?? throw SafeSignatureException.Malformed(
            $"r/s/v (v = {signature.V}) is not a recoverable ECDSA signature.", index);
        if (expectedOwner is not null && !EthAddress.AreEqual(recovered, expectedOwner))
        {
            throw new SafeSignatureException(SignatureRejection.WrongHash,
                $"the signature recovers to {recovered}, not {EthAddress.Normalize(expectedOwner, nameof(expectedOwner))}: it was made over a different hash than {context.Hashes.SafeTxHashHex}.",
                expectedOwner, index);
        }

        if (context.IsOwner(recovered))
        {
            return recovered;
        }

        // A common mistake is signing with the other method: name it instead of blaming an unknown address.
        var other = Recover(hash, signature, !isEthSign);
        if (other is not null && context.IsOwner(other))
        {
            var method = isEthSign ? "EIP-712 typed data (v 27/28)" : "eth_sign (v 31/32)";
            throw new SafeSignatureException(SignatureRejection.WrongHash,
                $"owner {other} signed this transaction with {method}, but v = {signature.V} says otherwise; the signature is over a different hash.",
                other, index);
        }

        throw new SafeSignatureException(SignatureRejection.NotAnOwner,
            $"the signature over {context.Hashes.SafeTxHashHex} recovers to {recovered}, which is not an owner of Safe {context.SafeAddress}.",
            recovered, index);
    }

    private static string? Recover(byte[] safeTxHash, SafeSignature signature, bool asEthSign)
    {
        var v = (byte)(signature.V > 30 ? signature.V - 4 : signature.V);
        return asEthSign
            ? EcRecover.Recover(EcRecover.EthSignHash(safeTxHash), v, signature.R, signature.S)
            : EcRecover.Recover(safeTxHash, v, signature.R, signature.S);
    }

    private async Task<string> CheckApprovedHashAsync(
        SignatureCheckContext context, SafeSignature signature, int? index, CancellationToken cancellationToken)
    {
        var owner = RequireOwner(context, signature, index);
        if (context.Executor is { } executor && EthAddress.AreEqual(executor, owner))
        {
            return owner;
        }

        var hash = context.Hashes.SafeTxHash;
        return await chain.IsHashApprovedAsync(context.SafeAddress, owner, hash, cancellationToken)
            ? owner
            : throw new SafeSignatureException(SignatureRejection.WrongHash,
                $"owner {owner} has not approved {hash.ToHex(true)} on chain (approveHash) and is not the executor.", owner, index);
    }

    private async Task<string> CheckContractSignatureAsync(
        SignatureCheckContext context, SafeSignature signature, int? index, CancellationToken cancellationToken)
    {
        var owner = RequireOwner(context, signature, index);
        var valid = await chain.IsValidContractSignatureAsync(owner, context.Version,
            context.Hashes.ContractOwnerMessage(context.Version), signature.ContractSignature, context.SafeAddress, cancellationToken);
        var (function, magic) = context.Version.AsksContractOwnersByHash()
            ? ("isValidSignature(bytes32,bytes)", "0x1626ba7e")
            : ("isValidSignature(bytes,bytes)", "0x20c13b0b");
        return valid
            ? owner
            : throw new SafeSignatureException(SignatureRejection.WrongHash,
                $"contract owner {owner} did not accept the signature for {context.Hashes.SafeTxHashHex} (Safe {context.Version.ToVersionString()} asks {function}; it did not return {magic}).",
                owner, index);
    }

    private static string RequireOwner(SignatureCheckContext context, SafeSignature signature, int? index)
    {
        var owner = signature.NamedOwner!;
        return context.IsOwner(owner)
            ? owner
            : throw new SafeSignatureException(SignatureRejection.NotAnOwner,
                $"{owner} (named in r, v = {signature.V}) is not an owner of Safe {context.SafeAddress}.", owner, index);
    }
}
