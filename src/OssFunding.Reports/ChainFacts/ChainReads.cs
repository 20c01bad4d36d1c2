using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.Blocks;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.Eth.Transactions;
using Nethereum.Web3;
using OssFunding.Chain.Rpc;
using OssFunding.Safe.Contracts;

namespace OssFunding.Reports.ChainFacts;

/// <summary>A block header with its time: what dates a payment and bounds a month.</summary>
public sealed record TimedBlock(long Number, string Hash, DateTimeOffset Time);

/// <summary>
/// The chain reads of the reports, through <see cref="ChainRpc"/> (failover, retries, chain-id check). A read that the
/// chain answers with "nothing there" (no receipt, no code) is an answer, not an error.
/// </summary>
public sealed class ChainReads(ChainRpc rpc)
{
    private const string EthCall = "eth_call";

    public async Task<TimedBlock> BlockAsync(long number, CancellationToken cancellationToken) =>
        ToTimed(await rpc.SendAsync(
            "eth_getBlockByNumber",
            client => new EthGetBlockWithTransactionsHashesByNumber(client).SendRequestAsync(new HexBigInteger(number)),
            block => block.Number?.Value == number && block.BlockHash is not null ? null : $"asked for block {number}, got {block.Number?.Value}",
            cancellationToken));

    public async Task<TimedBlock> LatestAsync(CancellationToken cancellationToken) =>
        ToTimed(await rpc.SendAsync(
            "eth_getBlockByNumber",
            client => new EthGetBlockWithTransactionsHashesByNumber(client).SendRequestAsync(BlockParameter.CreateLatest()),
            block => block.Number is null || block.BlockHash is null ? "latest block without number or hash" : null,
            cancellationToken));

    /// <summary>The receipt, or null when the chain knows no such transaction (dropped, reorged out, never sent).</summary>
    public async Task<TransactionReceipt?> ReceiptAsync(string txHash, CancellationToken cancellationToken) =>
        (await rpc.SendAsync(
            "eth_getTransactionReceipt",
            async client => new Found<TransactionReceipt>(await new EthGetTransactionReceipt(client).SendRequestAsync(txHash)),
            found => found.Value is null || string.Equals(found.Value.TransactionHash, txHash, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"asked for the receipt of {txHash}, got {found.Value.TransactionHash}",
            cancellationToken)).Value;

    public async Task<bool> HasCodeAsync(string address, long block, CancellationToken cancellationToken)
    {
        var code = await rpc.SendAsync(
            "eth_getCode",
            async client => new Found<string>(await new Nethereum.RPC.Eth.EthGetCode(client).SendRequestAsync(address, At(block))),
            _ => null,
            cancellationToken);
        return code.Value is { Length: > 2 };
    }

    public Task<BigInteger> BalanceAsync(string token, string holder, long block, CancellationToken cancellationToken) =>
        rpc.SendAsync(EthCall, client => new Erc20Contract(new Web3(client), token).BalanceOfAsync(holder, At(block)), _ => null, cancellationToken);

    public Task<IReadOnlyList<string>> OwnersAsync(string safe, long block, CancellationToken cancellationToken) =>
        rpc.SendAsync(EthCall, client => new SafeContract(new Web3(client), safe).GetOwnersAsync(At(block)), _ => null, cancellationToken);

    public Task<int> ThresholdAsync(string safe, long block, CancellationToken cancellationToken) =>
        rpc.SendAsync(EthCall, client => new SafeContract(new Web3(client), safe).GetThresholdAsync(At(block)), _ => null, cancellationToken);

    private static BlockParameter At(long block) => new(new HexBigInteger(block));

    private static TimedBlock ToTimed(BlockWithTransactionHashes block) => new(
        (long)block.Number.Value,
        block.BlockHash.ToLowerInvariant(),
        DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value));

    // ChainRpc treats a null answer as a bad one; a wrapper lets "not found" through as the answer it is.
    private sealed record Found<T>(T? Value);
}
