using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.Blocks;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.Eth.Filters;
using Nethereum.RPC.Eth.Transactions;
using OssFunding.Safe.Contracts;

namespace OssFunding.Chain.Rpc;

/// <summary>The checked queries the watcher makes.</summary>
public sealed partial class ChainRpc
{
    private const string NonceSlot = "0x5";

    /// <summary>The block at <paramref name="number"/>; a null block or one with another number is an error.</summary>
    public async Task<ChainBlock> GetBlockAsync(long number, CancellationToken cancellationToken)
    {
        var block = await SendAsync(
            RpcMethods.GetBlockByNumber,
            client => new EthGetBlockWithTransactionsHashesByNumber(client).SendRequestAsync(new HexBigInteger(number)),
            answer => CheckBlock(answer) ?? (answer.Number.Value == number ? null : $"asked for block {number}, got {answer.Number.Value}"),
            cancellationToken);
        return ToChainBlock(block);
    }

    /// <summary>The block the node calls <c>latest</c>, <c>safe</c> or <c>finalized</c>.</summary>
    public async Task<ChainBlock> GetTaggedBlockAsync(BlockParameter.BlockParameterType tag, CancellationToken cancellationToken)
    {
        var parameter = new BlockParameter();
        parameter.SetValue(tag);
        var block = await SendAsync(
            RpcMethods.GetBlockByNumber,
            client => new EthGetBlockWithTransactionsHashesByNumber(client).SendRequestAsync(parameter),
            CheckBlock,
            cancellationToken);
        return ToChainBlock(block);
    }

    /// <summary>
    /// Every log <paramref name="address"/> emitted in blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/>.
    /// Throws <see cref="LogRangeRejectedException"/> when the node refuses the range or times out on it.
    /// </summary>
    public async Task<IReadOnlyList<FilterLog>> GetLogsAsync(
        string address, long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        var filter = LogFilter([address], fromBlock, toBlock, null);
        return await SendAsync(
            RpcMethods.GetLogs,
            client => new EthGetLogs(client).SendRequestAsync(filter),
            logs => LogChecks.CheckRange(logs, [address], fromBlock, toBlock),
            cancellationToken);
    }

    /// <summary>
    /// Every ERC-20 <c>Transfer</c> log with from = <paramref name="from"/> that one of <paramref name="tokens"/> emitted in
    /// blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/> (topic0 = Transfer, topic1 = the padded sender).
    /// Throws <see cref="LogRangeRejectedException"/> when the node refuses the range or times out on it.
    /// </summary>
    public async Task<IReadOnlyList<FilterLog>> GetTransferLogsFromAsync(
        IReadOnlyList<string> tokens, string from, long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        var sender = "0x" + from[2..].ToLowerInvariant().PadLeft(64, '0');
        var filter = LogFilter([.. tokens], fromBlock, toBlock, [SafeEventDecoder.TransferTopic, sender]);
        return await SendAsync(
            RpcMethods.GetLogs,
            client => new EthGetLogs(client).SendRequestAsync(filter),
            logs => LogChecks.CheckRange(logs, tokens, fromBlock, toBlock)
                    ?? LogChecks.CheckTopics(logs, SafeEventDecoder.TransferTopic, sender),
            cancellationToken);
    }

    /// <summary>
    /// The <c>SafeSetup</c> logs <paramref name="safe"/> emitted in blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/>:
    /// at most one, in its creation block. Throws <see cref="LogRangeRejectedException"/> when the node refuses the range.
    /// </summary>
    public async Task<IReadOnlyList<FilterLog>> GetSafeSetupLogsAsync(
        string safe, long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        var filter = LogFilter([safe], fromBlock, toBlock, [SafeEventDecoder.SafeSetupTopic]);
        return await SendAsync(
            RpcMethods.GetLogs,
            client => new EthGetLogs(client).SendRequestAsync(filter),
            logs => LogChecks.CheckRange(logs, [safe], fromBlock, toBlock) ?? LogChecks.CheckTopics(logs, SafeEventDecoder.SafeSetupTopic),
            cancellationToken);
    }

    /// <summary>The receipt of <paramref name="transactionHash"/>, which must sit in block <paramref name="blockHash"/>.</summary>
    public Task<TransactionReceipt> GetReceiptAsync(string transactionHash, string blockHash, CancellationToken cancellationToken) =>
        SendAsync(
            RpcMethods.GetTransactionReceipt,
            client => new EthGetTransactionReceipt(client).SendRequestAsync(transactionHash),
            receipt => LogChecks.CheckReceipt(receipt, transactionHash, blockHash),
            cancellationToken);

    /// <summary>
    /// The Safe's nonce in the state of one block: storage slot 5 in every Safe release (singleton, modules, owners,
    /// ownerCount, threshold, nonce), so it reads 0 before the Safe exists instead of failing like an <c>eth_call</c>.
    /// With <paramref name="blockHash"/> the read is anchored to that exact block (EIP-1898): a node that does not know
    /// the block fails the call rather than answering from another one.
    /// </summary>
    public async Task<BigInteger> GetSafeNonceAsync(string safe, long blockNumber, string? blockHash, CancellationToken cancellationToken)
    {
        if (blockNumber < 0)
        {
            return BigInteger.Zero;
        }

        object block = blockHash is null
            ? new HexBigInteger(blockNumber).HexValue
            : new Dictionary<string, object> { ["blockHash"] = blockHash, ["requireCanonical"] = true };
        var word = await SendAsync(
            RpcMethods.GetStorageAt,
            client => client.SendRequestAsync<string>(new RpcRequest(1, RpcMethods.GetStorageAt, safe, NonceSlot, block)),
            answer => answer is not null && answer.StartsWith("0x", StringComparison.Ordinal) && answer.Length <= 66
                ? null
                : $"storage word '{answer}' is not a 32-byte hex value",
            cancellationToken);
        return word.Length == 2 ? BigInteger.Zero : word.HexToBigInteger(false);
    }

    private static NewFilterInput LogFilter(string[] addresses, long fromBlock, long toBlock, object[]? topics) => new()
    {
        Address = addresses,
        FromBlock = new BlockParameter(new HexBigInteger(fromBlock)),
        ToBlock = new BlockParameter(new HexBigInteger(toBlock)),
        Topics = topics,
    };

    private static string? CheckBlock(BlockWithTransactionHashes? block) =>
        block is null ? "null block"
        : block.Number is null ? "block without a number"
        : !LogChecks.IsHash(block.BlockHash) ? $"block {block.Number.Value} has no valid hash"
        : !LogChecks.IsHash(block.ParentHash) ? $"block {block.Number.Value} has no valid parent hash"
        : null;

    private static ChainBlock ToChainBlock(BlockWithTransactionHashes block) =>
        new((long)block.Number.Value, block.BlockHash.ToLowerInvariant(), block.ParentHash.ToLowerInvariant());
}
