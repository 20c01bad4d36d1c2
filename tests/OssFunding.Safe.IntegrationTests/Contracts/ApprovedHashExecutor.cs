using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.IntegrationTests.Contracts;

/// <summary>
/// Executes a Safe transaction with the simplest signature type, approved hashes (v = 1), so these tests
/// do not depend on the protocol layer's signers: every owner but the last calls approveHash, the last
/// owner executes (the Safe accepts v = 1 for msg.sender without an approval).
/// </summary>
internal sealed class ApprovedHashExecutor(DevnetWorld world)
{
    public static SafeTransaction Transaction(string to, byte[] data, BigInteger nonce, SafeOperation operation = SafeOperation.Call, BigInteger? safeTxGas = null) =>
        new(to, 0, data, operation, safeTxGas ?? 0, 0, 0, EthAddress.Zero, EthAddress.Zero, nonce);

    public async Task<byte[]> HashAsync(SafeTransaction transaction)
        => await new SafeContract(world.Chain.CreateWeb3(), world.SafeAddress).GetTransactionHashAsync(transaction.ToGetTransactionHash());

    /// <summary>Has every signer in <paramref name="signers"/> but the last approve the hash on chain.</summary>
    public async Task<IReadOnlyList<TransactionReceipt>> ApproveAsync(byte[] safeTxHash, IReadOnlyList<DevnetAccount> signers)
    {
        var receipts = new List<TransactionReceipt>();
        foreach (var signer in signers.Take(signers.Count - 1))
        {
            receipts.Add(await new SafeContract(world.Web3For(signer), world.SafeAddress).ApproveHashAsync(safeTxHash));
        }

        return receipts;
    }

    /// <summary>Approves with all signers but the last, who then sends execTransaction.</summary>
    public async Task<TransactionReceipt> ExecuteAsync(SafeTransaction transaction, IReadOnlyList<DevnetAccount> signers)
    {
        var hash = await HashAsync(transaction);
        await ApproveAsync(hash, signers);
        var executor = signers[^1];
        return await new SafeContract(world.Web3For(executor), world.SafeAddress).ExecTransactionAsync(
            transaction.ToExecTransaction(PackApprovedHashSignatures(signers.Select(s => s.Address))));
    }

    /// <summary>v = 1 signatures: r = owner address left-padded to 32 bytes, s = 0, sorted by owner ascending.</summary>
    public static byte[] PackApprovedHashSignatures(IEnumerable<string> owners)
        => [.. owners
            .Select(o => o.RemoveHexPrefix().ToLowerInvariant())
            .Order(StringComparer.Ordinal)
            .SelectMany(o => new byte[12].Concat(o.HexToByteArray()).Concat(new byte[32]).Append((byte)1))];
}
