using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>Simple Safe transactions for exercising the fake: a zero-value call to a recipient, at a given nonce.</summary>
internal static class Proposals
{
    public static SafeTransaction Call(BigInteger nonce, string to) =>
        SafeTransaction.WithoutRefund(new SafeCall(to, 0, new byte[] { 0xca, 0xfe }, SafeOperation.Call), nonce);

    public static string HashFor(DevnetWorld world, SafeTransaction transaction) =>
        SafeTxHasher.Hash(new SafeDomain(world.Chain.ChainId, world.SafeAddress), transaction).SafeTxHashHex;

    /// <summary>The proposal body Safe{Wallet} or the worker would send, with any field overridable.</summary>
    public static Dictionary<string, object?> Body(SafeTransaction tx, string contractTransactionHash, string sender, string? signature) => new()
    {
        ["to"] = tx.To,
        ["value"] = tx.Value.ToString(CultureInfo.InvariantCulture),
        ["data"] = tx.DataHex,
        ["operation"] = (int)tx.Operation,
        ["safeTxGas"] = "0",
        ["baseGas"] = "0",
        ["gasPrice"] = "0",
        ["gasToken"] = EthAddress.Zero,
        ["refundReceiver"] = EthAddress.Zero,
        ["nonce"] = tx.Nonce.ToString(CultureInfo.InvariantCulture),
        ["contractTransactionHash"] = contractTransactionHash,
        ["sender"] = sender,
        ["signature"] = signature,
        ["origin"] = "tests",
    };

    /// <summary>Executes <paramref name="tx"/> with raw ECDSA signatures of the first three owners, from the deployer.</summary>
    public static async Task ExecuteAsync(DevnetWorld world, SafeTransaction tx)
    {
        var hash = HashFor(world, tx).HexToByteArray();
        var signatures = world.Owners.Take(3)
            .OrderBy(o => o.Address, Comparer<string>.Create(EthAddress.CompareNumerically))
            .SelectMany(o => new MessageSigner().Sign(hash, o.Key).HexToByteArray())
            .ToArray();
        var execution = tx.ToExecTransaction(signatures);
        execution.Gas = 500_000;
        var receipt = await new SafeContract(world.Web3For(world.Deployer), world.SafeAddress).ExecTransactionAsync(execution);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
    }
}
