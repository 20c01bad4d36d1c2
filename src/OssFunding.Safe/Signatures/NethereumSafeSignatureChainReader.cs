using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Signatures;

/// <summary><see cref="ISafeSignatureChainReader"/> over JSON-RPC with the typed Safe DTOs (reads at the latest block).</summary>
public sealed class NethereumSafeSignatureChainReader(IWeb3 web3) : ISafeSignatureChainReader
{
    public async Task<bool> IsHashApprovedAsync(string safe, string owner, byte[] hash, CancellationToken cancellationToken = default)
    {
        var query = new ApprovedHashesFunction { Owner = owner, Hash = hash };
        var approved = await web3.Eth.GetContractQueryHandler<ApprovedHashesFunction>()
            .QueryAsync<BigInteger>(safe, query).WaitAsync(cancellationToken);
        return !approved.IsZero;
    }

    public async Task<bool> IsValidContractSignatureAsync(
        string contractOwner, SafeVersion version, byte[] message, byte[] signature, string caller,
        CancellationToken cancellationToken = default)
    {
        var byHash = version.AsksContractOwnersByHash();
        var call = byHash
            ? new IsValidSignatureHashFunction { DataHash = message, Signature = signature, FromAddress = caller }.CreateCallInput(contractOwner)
            : new IsValidSignatureBytesFunction { Data = message, Signature = signature, FromAddress = caller }.CreateCallInput(contractOwner);
        string result;
        try
        {
            result = await web3.Eth.Transactions.Call.SendRequestAsync(call).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (IsRevert(e))
        {
            // The Safe's call reverts too: the owner does not accept this signature. Other failures (node
            // down, timeouts) propagate; they must never read as "invalid signature".
            return false;
        }

        // Like the Safe's ABI decoder: at least one word back, its first four bytes the magic value of the call made.
        var returned = result.HexToByteArray();
        var magic = byHash ? Eip1271MagicValues.Bytes32 : Eip1271MagicValues.LegacyBytes;
        return returned.Length >= 32 && returned.AsSpan(0, 4).SequenceEqual(magic);
    }

    private static bool IsRevert(Exception e) => e switch
    {
        SmartContractRevertException or SmartContractCustomErrorRevertException => true,
        RpcResponseException rpc => rpc.RpcError?.Code == 3 || rpc.Message.Contains("revert", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
