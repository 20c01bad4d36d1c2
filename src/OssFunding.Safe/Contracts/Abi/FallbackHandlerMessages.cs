// Written from contracts-abi/safe-1.3.0/, safe-1.4.1/ and safe-1.5.0/CompatibilityFallbackHandler.json
// (1.5.0's handler no longer has the legacy bytes variant). Called on a Safe address, these reach
// the fallback handler. No logic here.
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Safe.Contracts.Abi;

/// <summary>
/// Legacy EIP-1271 <c>isValidSignature(bytes,bytes)</c>, magic value 0x20c13b0b. This is the variant
/// a Safe calls on a contract owner from <c>checkSignatures</c> (signature type v = 0) in 1.3.0 and 1.4.1, with the encoded transaction data.
/// </summary>
[Function("isValidSignature", "bytes4")]
public sealed class IsValidSignatureBytesFunction : FunctionMessage
{
    [Parameter("bytes", "_data", 1)]
    public byte[] Data { get; set; } = [];

    [Parameter("bytes", "_signature", 2)]
    public byte[] Signature { get; set; } = [];
}

/// <summary>
/// Standard EIP-1271 <c>isValidSignature(bytes32,bytes)</c>, magic value 0x1626ba7e: what a 1.5.0 Safe calls on a
/// contract owner from <c>checkSignatures</c>, with the SafeTx hash.
/// </summary>
[Function("isValidSignature", "bytes4")]
public sealed class IsValidSignatureHashFunction : FunctionMessage
{
    [Parameter("bytes32", "_dataHash", 1)]
    public byte[] DataHash { get; set; } = [];

    [Parameter("bytes", "_signature", 2)]
    public byte[] Signature { get; set; } = [];
}

/// <summary>EIP-712 hash of a SafeMessage for the given Safe: what a contract owner's owners sign.</summary>
[Function("getMessageHashForSafe", "bytes32")]
public sealed class GetMessageHashForSafeFunction : FunctionMessage
{
    [Parameter("address", "safe", 1)]
    public string Safe { get; set; } = "";

    [Parameter("bytes", "message", 2)]
    public byte[] Message { get; set; } = [];
}

public static class Eip1271MagicValues
{
    /// <summary>bytes4(keccak256("isValidSignature(bytes,bytes)")).</summary>
    public static readonly byte[] LegacyBytes = [0x20, 0xc1, 0x3b, 0x0b];

    /// <summary>bytes4(keccak256("isValidSignature(bytes32,bytes)")).</summary>
    public static readonly byte[] Bytes32 = [0x16, 0x26, 0xba, 0x7e];
}
