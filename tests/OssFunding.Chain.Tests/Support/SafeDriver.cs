using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;

namespace OssFunding.Chain.Tests.Support;

/// <summary>
/// Executes Safe transactions on the devnet the way owners without the worker would: threshold − 1 owners call
/// <c>approveHash</c>, the last one executes, every signature being an approved-hash one (v = 1).
/// </summary>
internal sealed class SafeDriver(DevnetWorld world)
{
    /// <summary>Pays <paramref name="payments"/> (one direct transfer, or a MultiSendCallOnly batch).</summary>
    public Task<SafeExecutionReceipt> PayAsync(params Payment[] payments) =>
        ExecuteAsync(PaymentBatchEncoder.Encode(payments, world.Contracts.MultiSendCallOnly));

    /// <summary>
    /// Executes <paramref name="call"/>. With <paramref name="safeTxGas"/> &gt; 0 a failing call emits
    /// <c>ExecutionFailure</c> instead of reverting the whole transaction.
    /// </summary>
    public async Task<SafeExecutionReceipt> ExecuteAsync(SafeCall call, long safeTxGas = 0)
    {
        var reader = new SafeContract(world.Chain.CreateWeb3(), world.SafeAddress);
        var nonce = await reader.GetNonceAsync();
        var transaction = new SafeTransaction(call.To, call.Value, call.Data, call.Operation, safeTxGas, 0, 0, EthAddress.Zero, EthAddress.Zero, nonce);
        var safeTxHash = await reader.GetTransactionHashAsync(transaction.ToGetTransactionHash());
        var signers = world.Owners.Take(world.Safe.Threshold).ToList();
        foreach (var owner in signers.Skip(1))
        {
            var approval = await new SafeContract(world.Web3For(owner), world.SafeAddress).ApproveHashAsync(safeTxHash);
            EnsureSucceeded(approval, "approveHash");
        }

        var execution = transaction.ToExecTransaction(ApprovedHashSignatures(signers.Select(owner => owner.Address)));
        execution.Gas = 1_000_000;
        var receipt = await new SafeContract(world.Web3For(signers[0]), world.SafeAddress).ExecTransactionAsync(execution);
        EnsureSucceeded(receipt, "execTransaction");
        return new SafeExecutionReceipt(safeTxHash.ToHex(prefix: true), nonce, receipt);
    }

    /// <summary>v = 1 signatures (r = owner, s = 0) in ascending owner order, as execTransaction requires.</summary>
    private static byte[] ApprovedHashSignatures(IEnumerable<string> owners) =>
    [
        .. owners.OrderBy(owner => owner.ToLowerInvariant(), StringComparer.Ordinal)
            .SelectMany(owner => owner.HexToByteArray().PadLeft().Concat(new byte[32]).Append((byte)1)),
    ];

    private static void EnsureSucceeded(TransactionReceipt receipt, string what)
    {
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new InvalidOperationException($"{what} reverted in {receipt.TransactionHash}");
        }
    }
}

internal sealed record SafeExecutionReceipt(string SafeTxHash, BigInteger Nonce, TransactionReceipt Receipt)
{
    public string TxHash => Receipt.TransactionHash.ToLowerInvariant();

    public long BlockNumber => (long)Receipt.BlockNumber.Value;
}

internal static class BytePadding
{
    public static byte[] PadLeft(this byte[] value) => [.. new byte[32 - value.Length], .. value];
}
