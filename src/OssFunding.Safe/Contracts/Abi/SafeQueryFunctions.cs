// Written from contracts-abi/safe-1.3.0/GnosisSafeL2.json and contracts-abi/safe-1.4.1/SafeL2.json:
// these view functions have the same signature in 1.3.0, 1.4.1 and 1.5.0 (safe-1.5.0/SafeL2.json), except the two
// marked below. No logic here.
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Safe.Contracts.Abi;

[Function("VERSION", "string")]
public sealed class VersionFunction : FunctionMessage;

[Function("nonce", "uint256")]
public sealed class NonceFunction : FunctionMessage;

[Function("getThreshold", "uint256")]
public sealed class GetThresholdFunction : FunctionMessage;

[Function("getOwners", "address[]")]
public sealed class GetOwnersFunction : FunctionMessage;

[Function("isOwner", "bool")]
public sealed class IsOwnerFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = "";
}

[Function("domainSeparator", "bytes32")]
public sealed class DomainSeparatorFunction : FunctionMessage;

/// <summary>Not on 1.5.0 (removed from the singleton).</summary>
[Function("getChainId", "uint256")]
public sealed class GetChainIdFunction : FunctionMessage;

/// <summary><c>approvedHashes(owner, hash)</c>: non-zero when the owner called <c>approveHash(hash)</c>.</summary>
[Function("approvedHashes", "uint256")]
public sealed class ApprovedHashesFunction : FunctionMessage
{
    [Parameter("address", "", 1)]
    public string Owner { get; set; } = "";

    [Parameter("bytes32", "", 2)]
    public byte[] Hash { get; set; } = [];
}

[Function("signedMessages", "uint256")]
public sealed class SignedMessagesFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)]
    public byte[] MessageHash { get; set; } = [];
}

[Function("getTransactionHash", "bytes32")]
public sealed class GetTransactionHashFunction : FunctionMessage
{
    [Parameter("address", "to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "value", 2)]
    public BigInteger Value { get; set; }

    [Parameter("bytes", "data", 3)]
    public byte[] Data { get; set; } = [];

    [Parameter("uint8", "operation", 4)]
    public byte Operation { get; set; }

    [Parameter("uint256", "safeTxGas", 5)]
    public BigInteger SafeTxGas { get; set; }

    [Parameter("uint256", "baseGas", 6)]
    public BigInteger BaseGas { get; set; }

    [Parameter("uint256", "gasPrice", 7)]
    public BigInteger SafeGasPrice { get; set; }

    [Parameter("address", "gasToken", 8)]
    public string GasToken { get; set; } = "";

    [Parameter("address", "refundReceiver", 9)]
    public string RefundReceiver { get; set; } = "";

    [Parameter("uint256", "_nonce", 10)]
    public BigInteger SafeNonce { get; set; }
}

/// <summary>On 1.5.0 answered by the CompatibilityFallbackHandler (moved out of the singleton).</summary>
[Function("encodeTransactionData", "bytes")]
public sealed class EncodeTransactionDataFunction : FunctionMessage
{
    [Parameter("address", "to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "value", 2)]
    public BigInteger Value { get; set; }

    [Parameter("bytes", "data", 3)]
    public byte[] Data { get; set; } = [];

    [Parameter("uint8", "operation", 4)]
    public byte Operation { get; set; }

    [Parameter("uint256", "safeTxGas", 5)]
    public BigInteger SafeTxGas { get; set; }

    [Parameter("uint256", "baseGas", 6)]
    public BigInteger BaseGas { get; set; }

    [Parameter("uint256", "gasPrice", 7)]
    public BigInteger SafeGasPrice { get; set; }

    [Parameter("address", "gasToken", 8)]
    public string GasToken { get; set; } = "";

    [Parameter("address", "refundReceiver", 9)]
    public string RefundReceiver { get; set; } = "";

    [Parameter("uint256", "_nonce", 10)]
    public BigInteger SafeNonce { get; set; }
}

/// <summary>Reverts (GS0xx reason) unless <paramref name="Signatures"/> hold threshold valid signatures of the hash.</summary>
[Function("checkSignatures")]
public sealed class CheckSignaturesFunction : FunctionMessage
{
    [Parameter("bytes32", "dataHash", 1)]
    public byte[] DataHash { get; set; } = [];

    /// <summary>The pre-image of the hash; passed to EIP-1271 contract owners.</summary>
    [Parameter("bytes", "data", 2)]
    public byte[] Data { get; set; } = [];

    [Parameter("bytes", "signatures", 3)]
    public byte[] Signatures { get; set; } = [];
}

[Function("checkNSignatures")]
public sealed class CheckNSignaturesFunction : FunctionMessage
{
    [Parameter("bytes32", "dataHash", 1)]
    public byte[] DataHash { get; set; } = [];

    [Parameter("bytes", "data", 2)]
    public byte[] Data { get; set; } = [];

    [Parameter("bytes", "signatures", 3)]
    public byte[] Signatures { get; set; } = [];

    [Parameter("uint256", "requiredSignatures", 4)]
    public BigInteger RequiredSignatures { get; set; }
}
