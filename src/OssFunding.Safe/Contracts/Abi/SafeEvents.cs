// Written from contracts-abi/safe-1.3.0/GnosisSafeL2.json, safe-1.4.1/SafeL2.json and safe-1.5.0/SafeL2.json:
// events whose indexing is the same in all three versions. No logic here.
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace OssFunding.Safe.Contracts.Abi;

[Event("ApproveHash")]
public sealed class ApproveHashEvent : IEventDTO
{
    [Parameter("bytes32", "approvedHash", 1, true)]
    public byte[] ApprovedHash { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = "";
}

[Event("ChangedThreshold")]
public sealed class ChangedThresholdEvent : IEventDTO
{
    [Parameter("uint256", "threshold", 1, false)]
    public BigInteger Threshold { get; set; }
}

[Event("SafeSetup")]
public sealed class SafeSetupEvent : IEventDTO
{
    [Parameter("address", "initiator", 1, true)]
    public string Initiator { get; set; } = "";

    [Parameter("address[]", "owners", 2, false)]
    public List<string> Owners { get; set; } = [];

    [Parameter("uint256", "threshold", 3, false)]
    public BigInteger Threshold { get; set; }

    [Parameter("address", "initializer", 4, false)]
    public string Initializer { get; set; } = "";

    [Parameter("address", "fallbackHandler", 5, false)]
    public string FallbackHandler { get; set; } = "";
}

/// <summary>Emitted by the L2 singleton before executing; additionalInfo = abi.encode(nonce, msg.sender, threshold).</summary>
[Event("SafeMultiSigTransaction")]
public sealed class SafeMultiSigTransactionEvent : IEventDTO
{
    [Parameter("address", "to", 1, false)]
    public string To { get; set; } = "";

    [Parameter("uint256", "value", 2, false)]
    public BigInteger Value { get; set; }

    [Parameter("bytes", "data", 3, false)]
    public byte[] Data { get; set; } = [];

    [Parameter("uint8", "operation", 4, false)]
    public byte Operation { get; set; }

    [Parameter("uint256", "safeTxGas", 5, false)]
    public BigInteger SafeTxGas { get; set; }

    [Parameter("uint256", "baseGas", 6, false)]
    public BigInteger BaseGas { get; set; }

    [Parameter("uint256", "gasPrice", 7, false)]
    public BigInteger GasPrice { get; set; }

    [Parameter("address", "gasToken", 8, false)]
    public string GasToken { get; set; } = "";

    [Parameter("address", "refundReceiver", 9, false)]
    public string RefundReceiver { get; set; } = "";

    [Parameter("bytes", "signatures", 10, false)]
    public byte[] Signatures { get; set; } = [];

    [Parameter("bytes", "additionalInfo", 11, false)]
    public byte[] AdditionalInfo { get; set; } = [];
}

/// <summary>The <c>additionalInfo</c> of <see cref="SafeMultiSigTransactionEvent"/>: abi.encode(nonce, msg.sender, threshold).</summary>
[FunctionOutput]
public sealed class SafeMultiSigAdditionalInfo : IFunctionOutputDTO
{
    [Parameter("uint256", "nonce", 1)]
    public BigInteger Nonce { get; set; }

    [Parameter("address", "sender", 2)]
    public string Sender { get; set; } = "";

    [Parameter("uint256", "threshold", 3)]
    public BigInteger Threshold { get; set; }
}
