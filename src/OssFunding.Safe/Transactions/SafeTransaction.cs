using System.Numerics;

namespace OssFunding.Safe.Transactions;

/// <summary>
/// The ten fields of the Safe's <c>SafeTx</c> struct, exactly what <c>getTransactionHash</c> and
/// <c>execTransaction</c> take. Addresses are kept in EIP-55 form; numbers are range-checked as uint256.
/// </summary>
public sealed record SafeTransaction
{
    public SafeTransaction(
        string to,
        BigInteger value,
        ReadOnlyMemory<byte> data,
        SafeOperation operation,
        BigInteger safeTxGas,
        BigInteger baseGas,
        BigInteger gasPrice,
        string gasToken,
        string refundReceiver,
        BigInteger nonce)
    {
        Call = new SafeCall(to, value, data, operation);
        SafeTxGas = Uint256.Require(safeTxGas, nameof(safeTxGas));
        BaseGas = Uint256.Require(baseGas, nameof(baseGas));
        GasPrice = Uint256.Require(gasPrice, nameof(gasPrice));
        GasToken = EthAddress.Normalize(gasToken, nameof(gasToken));
        RefundReceiver = EthAddress.Normalize(refundReceiver, nameof(refundReceiver));
        Nonce = Uint256.Require(nonce, nameof(nonce));
    }

    /// <summary>
    /// The transaction the worker drafts (SPEC §5): no refund, so safeTxGas, baseGas and gasPrice are 0
    /// and gasToken / refundReceiver are the zero address.
    /// </summary>
    public static SafeTransaction WithoutRefund(SafeCall call, BigInteger nonce)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new SafeTransaction(
            call.To, call.Value, call.Data, call.Operation, 0, 0, 0, EthAddress.Zero, EthAddress.Zero, nonce);
    }

    public SafeCall Call { get; }

    public string To => Call.To;

    public BigInteger Value => Call.Value;

    public ReadOnlyMemory<byte> Data => Call.Data;

    public string DataHex => Call.DataHex;

    public SafeOperation Operation => Call.Operation;

    public BigInteger SafeTxGas { get; }

    public BigInteger BaseGas { get; }

    public BigInteger GasPrice { get; }

    public string GasToken { get; }

    public string RefundReceiver { get; }

    public BigInteger Nonce { get; }

    public bool Equals(SafeTransaction? other) =>
        other is not null
        && Call.Equals(other.Call)
        && SafeTxGas == other.SafeTxGas
        && BaseGas == other.BaseGas
        && GasPrice == other.GasPrice
        && EthAddress.AreEqual(GasToken, other.GasToken)
        && EthAddress.AreEqual(RefundReceiver, other.RefundReceiver)
        && Nonce == other.Nonce;

    public override int GetHashCode() => HashCode.Combine(Call, Nonce);

    public override string ToString() =>
        $"SafeTx(to={To}, value={Value}, data={Data.Length} bytes, operation={Operation}, nonce={Nonce})";
}
