using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;

namespace OssFunding.Pipeline.Execution;

/// <summary>An <c>execTransaction</c> call signed offline by the executor: the raw bytes to broadcast and their hash.</summary>
internal sealed record SignedExecution(string SafeTxHash, string Sender, BigInteger SenderNonce, string RawTransaction, string TxHash)
{
    /// <summary>Signs an EIP-1559 transaction to the Safe carrying <paramref name="calldata"/>, without any RPC call.</summary>
    public static SignedExecution Sign(
        ExecutorKey key, long chainId, string safeTxHash, string safe, byte[] calldata, BigInteger senderNonce, BigInteger gasLimit, Eip1559Fees fees)
    {
        var transaction = new Transaction1559(
            chainId, senderNonce, fees.MaxPriorityFeePerGas, fees.MaxFeePerGas, gasLimit, safe, BigInteger.Zero, calldata.ToHex(true), []);
        new Transaction1559Signer().SignTransaction(key.Key, transaction);
        var raw = transaction.GetRLPEncoded();
        return new SignedExecution(safeTxHash, key.Address, senderNonce, raw.ToHex(true), Sha3Keccack.Current.CalculateHash(raw).ToHex(true));
    }
}
