// Written from contracts-abi/safe-1.3.0/GnosisSafeL2.json and contracts-abi/safe-1.4.1/SafeL2.json:
// state-changing functions, same signature in 1.3.0, 1.4.1 and 1.5.0. No logic here.
// FunctionMessage already has Nonce/GasPrice (of the Ethereum transaction), hence SafeNonce/SafeGasPrice.
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Safe.Contracts.Abi;

[Function("execTransaction", "bool")]
public sealed class ExecTransactionFunction : FunctionMessage
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

    [Parameter("bytes", "signatures", 10)]
    public byte[] Signatures { get; set; } = [];
}

[Function("approveHash")]
public sealed class ApproveHashFunction : FunctionMessage
{
    [Parameter("bytes32", "hashToApprove", 1)]
    public byte[] HashToApprove { get; set; } = [];
}

[Function("setup")]
public sealed class SetupFunction : FunctionMessage
{
    [Parameter("address[]", "_owners", 1)]
    public List<string> Owners { get; set; } = [];

    [Parameter("uint256", "_threshold", 2)]
    public BigInteger Threshold { get; set; }

    [Parameter("address", "to", 3)]
    public string To { get; set; } = "";

    [Parameter("bytes", "data", 4)]
    public byte[] Data { get; set; } = [];

    [Parameter("address", "fallbackHandler", 5)]
    public string FallbackHandler { get; set; } = "";

    [Parameter("address", "paymentToken", 6)]
    public string PaymentToken { get; set; } = "";

    [Parameter("uint256", "payment", 7)]
    public BigInteger Payment { get; set; }

    [Parameter("address", "paymentReceiver", 8)]
    public string PaymentReceiver { get; set; } = "";
}

[Function("addOwnerWithThreshold")]
public sealed class AddOwnerWithThresholdFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = "";

    [Parameter("uint256", "_threshold", 2)]
    public BigInteger Threshold { get; set; }
}

[Function("removeOwner")]
public sealed class RemoveOwnerFunction : FunctionMessage
{
    [Parameter("address", "prevOwner", 1)]
    public string PrevOwner { get; set; } = "";

    [Parameter("address", "owner", 2)]
    public string Owner { get; set; } = "";

    [Parameter("uint256", "_threshold", 3)]
    public BigInteger Threshold { get; set; }
}

[Function("swapOwner")]
public sealed class SwapOwnerFunction : FunctionMessage
{
    [Parameter("address", "prevOwner", 1)]
    public string PrevOwner { get; set; } = "";

    [Parameter("address", "oldOwner", 2)]
    public string OldOwner { get; set; } = "";

    [Parameter("address", "newOwner", 3)]
    public string NewOwner { get; set; } = "";
}

[Function("changeThreshold")]
public sealed class ChangeThresholdFunction : FunctionMessage
{
    [Parameter("uint256", "_threshold", 1)]
    public BigInteger Threshold { get; set; }
}
