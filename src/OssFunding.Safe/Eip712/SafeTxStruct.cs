using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Eip712;

/// <summary>
/// Nethereum's view of the Safe's <c>SafeTx</c> EIP-712 struct (field names, types and order as in the
/// contract's <c>SAFE_TX_TYPEHASH</c>). Nethereum derives the type string and struct hash from these attributes.
/// </summary>
[Struct("SafeTx")]
internal sealed class SafeTxStruct
{
    [Parameter("address", "to", 1)]
    public string To { get; set; } = EthAddress.Zero;

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
    public BigInteger GasPrice { get; set; }

    [Parameter("address", "gasToken", 8)]
    public string GasToken { get; set; } = EthAddress.Zero;

    [Parameter("address", "refundReceiver", 9)]
    public string RefundReceiver { get; set; } = EthAddress.Zero;

    [Parameter("uint256", "nonce", 10)]
    public BigInteger Nonce { get; set; }

    public static SafeTxStruct From(SafeTransaction tx) => new()
    {
        To = tx.To,
        Value = tx.Value,
        Data = tx.Data.ToArray(),
        Operation = (byte)tx.Operation,
        SafeTxGas = tx.SafeTxGas,
        BaseGas = tx.BaseGas,
        GasPrice = tx.GasPrice,
        GasToken = tx.GasToken,
        RefundReceiver = tx.RefundReceiver,
        Nonce = tx.Nonce,
    };
}
