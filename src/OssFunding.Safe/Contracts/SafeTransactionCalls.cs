using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Contracts;

/// <summary>
/// The one mapping of a <see cref="SafeTransaction"/> onto the Safe calls that take the SafeTx fields, so the
/// field order and the renamed members (<c>SafeGasPrice</c>, <c>SafeNonce</c>: <c>FunctionMessage</c> already has
/// <c>GasPrice</c> and <c>Nonce</c> of the Ethereum transaction) are written once.
/// </summary>
public static class SafeTransactionCalls
{
    /// <summary><c>execTransaction</c> of <paramref name="transaction"/> with packed <paramref name="signatures"/>.</summary>
    public static ExecTransactionFunction ToExecTransaction(this SafeTransaction transaction, byte[] signatures)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(signatures);
        return new ExecTransactionFunction
        {
            To = transaction.To,
            Value = transaction.Value,
            Data = transaction.Data.ToArray(),
            Operation = (byte)transaction.Operation,
            SafeTxGas = transaction.SafeTxGas,
            BaseGas = transaction.BaseGas,
            SafeGasPrice = transaction.GasPrice,
            GasToken = transaction.GasToken,
            RefundReceiver = transaction.RefundReceiver,
            Signatures = signatures,
        };
    }

    /// <summary><c>getTransactionHash</c> of <paramref name="transaction"/>: the contract's own SafeTx hash.</summary>
    public static GetTransactionHashFunction ToGetTransactionHash(this SafeTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new GetTransactionHashFunction
        {
            To = transaction.To,
            Value = transaction.Value,
            Data = transaction.Data.ToArray(),
            Operation = (byte)transaction.Operation,
            SafeTxGas = transaction.SafeTxGas,
            BaseGas = transaction.BaseGas,
            SafeGasPrice = transaction.GasPrice,
            GasToken = transaction.GasToken,
            RefundReceiver = transaction.RefundReceiver,
            SafeNonce = transaction.Nonce,
        };
    }
}
