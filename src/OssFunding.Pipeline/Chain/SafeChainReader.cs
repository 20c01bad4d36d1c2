using System.Numerics;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Chain;

/// <summary>The Safe as the chain sees it at one block (<see cref="Block"/>): version, owners (EIP-55), threshold and nonce.</summary>
public sealed record SafeState(string Version, IReadOnlyList<string> Owners, int Threshold, BigInteger Nonce, long Block);

/// <summary>
/// Reads the Safe and its tokens through <see cref="ChainRpc"/> (failover, retries, chain-id check) with the typed
/// contract classes of OssFunding.Safe. Every read is an <c>eth_call</c> counted under that method name.
/// </summary>
public sealed class SafeChainReader(ChainRpc rpc, IOptions<SafeOptions> safeOptions)
{
    public const string EthCall = "eth_call";

    public string Safe { get; } = EthAddress.Normalize(safeOptions.Value.Address, "Safe:Address");

    /// <summary>
    /// Version, owners, threshold and nonce read at one block, the current head: four <c>latest</c> reads could each
    /// see another block (a node behind a load balancer, a block mined in between) and mix an owner set with a nonce
    /// or threshold it never had. A node that does not have the block fails the read instead of answering from another.
    /// </summary>
    public async Task<SafeState> ReadSafeAsync(CancellationToken cancellationToken)
    {
        var head = await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.latest, cancellationToken);
        var at = new BlockParameter(new HexBigInteger(head.Number));
        var version = await CallAsync(safe => safe.GetVersionStringAsync(at), cancellationToken);
        var owners = await CallAsync(safe => safe.GetOwnersAsync(at), cancellationToken);
        var threshold = await CallAsync(safe => safe.GetThresholdAsync(at), cancellationToken);
        var nonce = await CallAsync(safe => safe.GetNonceAsync(at), cancellationToken);
        if (owners.Count == 0 || threshold < 1 || threshold > owners.Count)
        {
            throw new InvalidOperationException(
                $"Safe {Safe} reports {owners.Count} owners and threshold {threshold}: is Safe:Address a set-up Safe?");
        }

        return new SafeState(version, owners, threshold, nonce, head.Number);
    }

    /// <summary>The Safe's nonce as of <paramref name="blockNumber"/> (a final block: what no reorg can change).</summary>
    public Task<BigInteger> NonceAtAsync(long blockNumber, CancellationToken cancellationToken) =>
        CallAsync(safe => safe.GetNonceAsync(new BlockParameter(new HexBigInteger(blockNumber))), cancellationToken);

    public Task<BigInteger> BalanceOfAsync(string token, CancellationToken cancellationToken) =>
        rpc.SendAsync(EthCall, client => new Erc20Contract(new Web3(client), token).BalanceOfAsync(Safe), _ => null, cancellationToken);

    private Task<T> CallAsync<T>(Func<SafeContract, Task<T>> read, CancellationToken cancellationToken) =>
        rpc.SendAsync(EthCall, client => read(new SafeContract(new Web3(client), Safe)), _ => null, cancellationToken);
}
