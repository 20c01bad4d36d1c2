using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Prices;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.Chain.Tests.Prices;

/// <summary>
/// One anvil per test class with the devnet world and its price sources (feeds, sequencer feed, a real Uniswap v3
/// LPT/WETH pool). Tests change the chain inside a snapshot scope, so they do not see each other.
/// </summary>
public sealed class PricesDevnet : IAsyncLifetime
{
    public static readonly TimeSpan FeedMaxAge = TimeSpan.FromHours(25);
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private DevnetChain? chain;
    private DevnetPrices? prices;

    public DevnetChain Chain => chain ?? throw new InvalidOperationException("not started");

    public DevnetPrices Prices => prices ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        chain = await DevnetChain.StartAsync();
        var world = await DevnetWorld.DeployAsync(chain, SafeVersion.V141);
        prices = await DevnetPrices.DeployAsync(world);
    }

    public async Task DisposeAsync()
    {
        if (chain is not null)
        {
            await chain.DisposeAsync();
        }
    }

    /// <summary>The devnet's feeds and pool configured the way appsettings.json configures Arbitrum One's.</summary>
    public PricesOptions Options(Action<PricesOptions>? configure = null)
    {
        var options = new PricesOptions
        {
            SequencerUptimeFeed = Prices.SequencerUptimeFeed,
            SequencerGracePeriod = Grace,
            Pairs =
            {
                ["EUR_USD"] = new PriceSourceOptions { Address = Prices.EurUsdFeed, MaxAge = FeedMaxAge },
                ["USDC_USD"] = new PriceSourceOptions { Address = Prices.UsdcUsdFeed, MaxAge = FeedMaxAge },
                ["ETH_USD"] = new PriceSourceOptions { Address = Prices.EthUsdFeed, MaxAge = FeedMaxAge },
                ["LPT_ETH"] = new PriceSourceOptions { Pool = Prices.Pool, Window = Window },
            },
        };
        configure?.Invoke(options);
        return options;
    }

    public (PriceSources Sources, ChainRpc Rpc) Sources(PricesOptions? options = null)
    {
        var rpc = new ChainRpc(
            Microsoft.Extensions.Options.Options.Create(new ChainOptions { ChainId = Chain.ChainId, RpcUrls = [Chain.RpcUrl] }),
            new RpcPolicy { CallTimeout = TimeSpan.FromSeconds(5), MaxRetryAttempts = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
            NullLogger<ChainRpc>.Instance);
        var tokens = new TokensOptions
        {
            ["LPT"] = new TokenOptions { Address = Prices.World.Lpt.Address, Decimals = 18 },
            ["USDC"] = new TokenOptions { Address = Prices.World.Usdc.Address, Decimals = 6 },
        };
        return (new PriceSources(Microsoft.Extensions.Options.Options.Create(options ?? Options()), Microsoft.Extensions.Options.Options.Create(tokens), rpc), rpc);
    }

    public async Task<long> LatestBlockAsync() => (long)await Chain.Rpc.BlockNumberAsync();

    /// <summary>The pool's tick cumulatives at <paramref name="block"/>, read by the test itself (not through the price code).</summary>
    public async Task<(BigInteger Then, BigInteger Now)> ObserveAsync(uint secondsAgo, long block)
    {
        var answer = await Chain.CreateWeb3().Eth.GetContractQueryHandler<TestObserve>()
            .QueryDeserializingToObjectAsync<TestObserveOutput>(new TestObserve { SecondsAgos = [secondsAgo, 0] }, Prices.Pool, new BlockParameter(new HexBigInteger(block)));
        return (answer.TickCumulatives[0], answer.TickCumulatives[1]);
    }

    /// <summary>The pool's current (spot) tick at <paramref name="block"/>.</summary>
    public async Task<int> SpotTickAsync(long block)
    {
        var slot0 = await Chain.CreateWeb3().Eth.GetContractQueryHandler<TestSlot0>()
            .QueryDeserializingToObjectAsync<TestSlot0Output>(new TestSlot0(), Prices.Pool, new BlockParameter(new HexBigInteger(block)));
        return slot0.Tick;
    }

    [Function("observe", typeof(TestObserveOutput))]
    public sealed class TestObserve : FunctionMessage
    {
        [Parameter("uint32[]", "secondsAgos", 1)]
        public List<uint> SecondsAgos { get; set; } = [];
    }

    [FunctionOutput]
    public sealed class TestObserveOutput : IFunctionOutputDTO
    {
        [Parameter("int56[]", "tickCumulatives", 1)]
        public List<BigInteger> TickCumulatives { get; set; } = [];

        [Parameter("uint160[]", "secondsPerLiquidityCumulativeX128s", 2)]
        public List<BigInteger> SecondsPerLiquidity { get; set; } = [];
    }

    [Function("slot0", typeof(TestSlot0Output))]
    public sealed class TestSlot0 : FunctionMessage;

    [FunctionOutput]
    public sealed class TestSlot0Output : IFunctionOutputDTO
    {
        [Parameter("uint160", "sqrtPriceX96", 1)]
        public BigInteger SqrtPriceX96 { get; set; }

        [Parameter("int24", "tick", 2)]
        public int Tick { get; set; }
    }
}
