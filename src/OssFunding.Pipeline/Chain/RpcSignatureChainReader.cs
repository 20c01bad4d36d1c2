using Nethereum.Web3;
using OssFunding.Chain.Rpc;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Chain;

/// <summary>The signature verifier's chain reads (approved hashes, EIP-1271 owners) through <see cref="ChainRpc"/>'s failover.</summary>
public sealed class RpcSignatureChainReader(ChainRpc rpc) : ISafeSignatureChainReader
{
    public Task<bool> IsHashApprovedAsync(string safe, string owner, byte[] hash, CancellationToken cancellationToken = default) =>
        rpc.SendAsync(SafeChainReader.EthCall,
            client => new NethereumSafeSignatureChainReader(new Web3(client)).IsHashApprovedAsync(safe, owner, hash, cancellationToken),
            _ => null, cancellationToken);

    public Task<bool> IsValidContractSignatureAsync(
        string contractOwner, SafeVersion version, byte[] message, byte[] signature, string caller,
        CancellationToken cancellationToken = default) =>
        rpc.SendAsync(SafeChainReader.EthCall,
            client => new NethereumSafeSignatureChainReader(new Web3(client))
                .IsValidContractSignatureAsync(contractOwner, version, message, signature, caller, cancellationToken),
            _ => null, cancellationToken);
}
