using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;

namespace OssFunding.Reports.Tests.Support;

/// <summary>
/// A token transfer out of the Safe made by its owners without the worker (threshold − 1 owners approve the hash on chain,
/// the last one executes): what the worker must record as an unplanned outflow.
/// </summary>
internal static class OutsideSafeTransfer
{
    public static async Task<string> TransferAsync(DevnetWorld world, DevnetToken token, string to, BigInteger amount)
    {
        var signers = world.Owners.Take(world.Safe.Threshold).ToList();
        var reader = new SafeContract(world.Chain.CreateWeb3(), world.SafeAddress);
        var data = Erc20Contract.EncodeTransfer(to, amount);
        var transaction = SafeTransaction.WithoutRefund(new SafeCall(token.Address, 0, data, SafeOperation.Call), await reader.GetNonceAsync());
        var hash = await reader.GetTransactionHashAsync(transaction.ToGetTransactionHash());
        foreach (var owner in signers.Skip(1))
        {
            await new SafeContract(world.Web3For(owner), world.SafeAddress).ApproveHashAsync(hash);
        }

        // Approved-hash signatures (v = 1, r = owner), ascending by owner; the executing owner's own approval is implicit.
        var signatures = signers.Select(owner => owner.Address).OrderBy(address => address, Comparer<string>.Create(EthAddress.CompareNumerically))
            .SelectMany(owner => EthAddress.ToWord(owner).Concat(new byte[32]).Append((byte)1)).ToArray();
        var execution = transaction.ToExecTransaction(signatures);
        execution.Gas = 500_000;
        var receipt = await new SafeContract(world.Web3For(signers[0]), world.SafeAddress).ExecTransactionAsync(execution);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt.TransactionHash.ToLowerInvariant();
    }

    public static string Hex(byte[] bytes) => bytes.ToHex(prefix: true);
}
