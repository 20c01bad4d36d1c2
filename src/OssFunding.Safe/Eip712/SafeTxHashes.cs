using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Eip712;

/// <summary>
/// The EIP-712 pieces of one Safe transaction. <see cref="EncodedData"/> is
/// <c>0x19 0x01 ‖ domainSeparator ‖ structHash</c>, what the Safe's <c>encodeTransactionData</c> returns and
/// what 1.3.0 and 1.4.1 pass to EIP-1271 owners; <see cref="SafeTxHash"/> is its keccak256.
/// </summary>
public sealed class SafeTxHashes(byte[] domainSeparator, byte[] structHash, byte[] safeTxHash)
{
    public byte[] DomainSeparator { get; } = domainSeparator;

    public byte[] StructHash { get; } = structHash;

    public byte[] SafeTxHash { get; } = safeTxHash;

    public byte[] EncodedData => [0x19, 0x01, .. DomainSeparator, .. StructHash];

    public string SafeTxHashHex => SafeTxHash.ToHex(true);

    /// <summary>
    /// What a Safe of <paramref name="version"/> asks an EIP-1271 owner about, and so the <c>message</c> of the
    /// SafeMessage that owner Safe's owners sign: <see cref="EncodedData"/> via <c>isValidSignature(bytes,bytes)</c>
    /// on 1.3.0/1.4.1; <see cref="SafeTxHash"/> via <c>isValidSignature(bytes32,bytes)</c> on 1.5.0 (whose
    /// CompatibilityFallbackHandler takes <c>abi.encode(hash)</c>, the same 32 bytes, as the message).
    /// </summary>
    public byte[] ContractOwnerMessage(SafeVersion version) =>
        version.AsksContractOwnersByHash() ? [.. SafeTxHash] : EncodedData;
}
