using Nethereum.Hex.HexConvertors.Extensions;

namespace OssFunding.Safe.Eip712;

/// <summary>
/// The EIP-712 pieces of one Safe transaction. <see cref="EncodedData"/> is
/// <c>0x19 0x01 ‖ domainSeparator ‖ structHash</c>, what the Safe's <c>encodeTransactionData</c> returns and
/// what it passes to EIP-1271 owners; <see cref="SafeTxHash"/> is its keccak256.
/// </summary>
public sealed class SafeTxHashes(byte[] domainSeparator, byte[] structHash, byte[] safeTxHash)
{
    public byte[] DomainSeparator { get; } = domainSeparator;

    public byte[] StructHash { get; } = structHash;

    public byte[] SafeTxHash { get; } = safeTxHash;

    public byte[] EncodedData => [0x19, 0x01, .. DomainSeparator, .. StructHash];

    public string SafeTxHashHex => SafeTxHash.ToHex(true);
}
