using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.Blocks;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using OssFunding.Chain.Rpc;

namespace OssFunding.Chain.Prices;

/// <summary>One Chainlink round as the feed answered it at a block.</summary>
public sealed record FeedRound(BigInteger RoundId, BigInteger Answer, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, int Decimals);

/// <summary>
/// The price sources' reads, every one pinned to a block number (<c>eth_call</c> at that block), through
/// <see cref="ChainRpc"/> (failover, retries, chain-id check).
/// </summary>
public sealed class PriceChainCalls(ChainRpc rpc)
{
    private const string EthCall = "eth_call";

    public async Task<DateTimeOffset> BlockTimeAsync(long block, CancellationToken cancellationToken)
    {
        var header = await rpc.SendAsync(
            "eth_getBlockByNumber",
            client => new EthGetBlockWithTransactionsHashesByNumber(client).SendRequestAsync(At(block)),
            answer => answer.Number?.Value == block ? null : $"asked for block {block}, got {answer.Number?.Value}",
            cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp.Value);
    }

    public async Task<long> LatestBlockAsync(CancellationToken cancellationToken) =>
        (long)(await rpc.SendAsync(
            "eth_blockNumber",
            client => new Nethereum.RPC.Eth.Blocks.EthBlockNumber(client).SendRequestAsync(),
            _ => null,
            cancellationToken)).Value;

    public async Task<FeedRound> LatestRoundAsync(string feed, long block, CancellationToken cancellationToken)
    {
        var round = await rpc.SendAsync(EthCall,
            client => new Web3(client).Eth.GetContractQueryHandler<LatestRoundDataFunction>()
                .QueryDeserializingToObjectAsync<LatestRoundDataOutput>(new LatestRoundDataFunction(), feed, At(block)),
            _ => null, cancellationToken);
        var decimals = await rpc.SendAsync(EthCall,
            client => new Web3(client).Eth.GetContractQueryHandler<FeedDecimalsFunction>()
                .QueryAsync<byte>(feed, new FeedDecimalsFunction(), At(block)),
            _ => null, cancellationToken);
        return new FeedRound(round.RoundId, round.Answer, ToTime(round.StartedAt), ToTime(round.UpdatedAt), decimals);
    }

    /// <summary>The pool's tick cumulatives at <c>window</c> seconds before the block and at the block.</summary>
    public async Task<(BigInteger Then, BigInteger Now)> ObserveAsync(string pool, uint windowSeconds, long block, CancellationToken cancellationToken)
    {
        var observed = await rpc.SendAsync(EthCall,
            client => new Web3(client).Eth.GetContractQueryHandler<ObserveFunction>()
                .QueryDeserializingToObjectAsync<ObserveOutput>(new ObserveFunction { SecondsAgos = [windowSeconds, 0] }, pool, At(block)),
            answer => answer.TickCumulatives.Count == 2 ? null : $"observe answered {answer.TickCumulatives.Count} values, expected 2",
            cancellationToken);
        return (observed.TickCumulatives[0], observed.TickCumulatives[1]);
    }

    public async Task<(string Token0, string Token1)> PoolTokensAsync(string pool, long block, CancellationToken cancellationToken)
    {
        var token0 = await rpc.SendAsync(EthCall,
            client => new Web3(client).Eth.GetContractQueryHandler<Token0Function>().QueryAsync<string>(pool, new Token0Function(), At(block)),
            _ => null, cancellationToken);
        var token1 = await rpc.SendAsync(EthCall,
            client => new Web3(client).Eth.GetContractQueryHandler<Token1Function>().QueryAsync<string>(pool, new Token1Function(), At(block)),
            _ => null, cancellationToken);
        return (token0, token1);
    }

    public Task<byte> TokenDecimalsAsync(string token, long block, CancellationToken cancellationToken) =>
        rpc.SendAsync(EthCall,
            client => new Web3(client).Eth.GetContractQueryHandler<FeedDecimalsFunction>().QueryAsync<byte>(token, new FeedDecimalsFunction(), At(block)),
            _ => null, cancellationToken);

    private static BlockParameter At(long block) => new(new HexBigInteger(block));

    private static DateTimeOffset ToTime(BigInteger seconds) =>
        seconds > MaxUnixSeconds ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)seconds);

    // 9999-12-31T23:59:59Z: the last second DateTimeOffset holds; a feed claiming later is treated as "far future".
    private const long MaxUnixSeconds = 253_402_300_799;
}
