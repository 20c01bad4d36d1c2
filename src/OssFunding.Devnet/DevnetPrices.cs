using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace OssFunding.Devnet;

/// <summary>
/// Price sources on the devnet, deployed next to a <see cref="DevnetWorld"/>: Chainlink-shaped feeds (EUR/USD,
/// USDC/USD, ETH/USD with 8 decimals, as on Arbitrum One), a sequencer uptime feed that can be switched down and up,
/// a WETH stand-in and a real Uniswap v3 LPT/WETH pool (0.3 %, from <c>@uniswap/v3-core</c>'s artifacts) with
/// full-range liquidity. Swaps move the pool's price; with time advanced between them its TWAP differs from its spot.
/// </summary>
public sealed class DevnetPrices
{
    public const uint PoolFee = 3000;

    /// <summary>The full range for tick spacing 60 (the 0.3 % tier): the largest multiples of 60 inside ±887272.</summary>
    public const int FullRangeTick = 887220;

    private DevnetPrices(DevnetWorld world, FeedAddresses feeds, DevnetToken weth, string factory, string pool, string trader, string token0)
    {
        World = world;
        EurUsdFeed = feeds.EurUsd;
        UsdcUsdFeed = feeds.UsdcUsd;
        EthUsdFeed = feeds.EthUsd;
        SequencerUptimeFeed = feeds.Sequencer;
        Weth = weth;
        Factory = factory;
        Pool = pool;
        Trader = trader;
        Token0 = token0;
    }

    public DevnetWorld World { get; }

    // A new Web3 per call: one kept would cache the deployer's nonce, and a test's snapshot revert rewinds the
    // chain's, leaving every later transaction waiting forever behind a nonce gap.
    private Web3 web3 => World.Web3For(World.Deployer);

    public string EurUsdFeed { get; }

    public string UsdcUsdFeed { get; }

    public string EthUsdFeed { get; }

    public string SequencerUptimeFeed { get; }

    public DevnetToken Weth { get; }

    public string Factory { get; }

    /// <summary>The LPT/WETH pool.</summary>
    public string Pool { get; }

    public string Trader { get; }

    /// <summary>The pool's token0: the lower of the two addresses (LPT or WETH, whichever the deployment made lower).</summary>
    public string Token0 { get; }

    public bool LptIsToken0 => string.Equals(Token0, World.Lpt.Address, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Deploys the feeds (each with a first fresh round: EUR/USD 1.08, USDC/USD 1.00, ETH/USD 3000, sequencer up since
    /// deployment), WETH, the factory and the pool at <paramref name="lptInWeth"/> WETH per LPT with full-range liquidity
    /// and room for 64 observations (what <c>observe</c> over a window needs).
    /// </summary>
    public static async Task<DevnetPrices> DeployAsync(DevnetWorld world, decimal lptInWeth = 0.0025m)
    {
        ArgumentNullException.ThrowIfNull(world);
        var web3 = world.Web3For(world.Deployer);
        var directory = world.Chain.Directory;
        var feeds = await DeployFeedsAsync(web3, directory);
        var weth = await DevnetWorld.DeployTokenAsync(world.Chain, web3, "Wrapped Ether (devnet)", "WETH", 18);
        var factory = await Deployments.DeployAsync(web3, DevnetArtifacts.UniswapV3Factory(directory));
        var trader = await Deployments.DeployAsync(web3, DevnetArtifacts.Compiled(directory, "PoolTrader.sol", "DevnetPoolTrader"));
        var pool = await CreatePoolAsync(web3, factory, world.Lpt.Address, weth.Address);
        var token0 = await web3.Eth.GetContractQueryHandler<Token0Function>().QueryAsync<string>(pool, new Token0Function());
        var prices = new DevnetPrices(world, feeds, weth, factory, pool, trader, AddressUtil.Current.ConvertToChecksumAddress(token0));
        await prices.SendAsync(pool, new InitializePoolFunction { SqrtPriceX96 = prices.SqrtPriceX96(lptInWeth) }, "initializing the pool");
        await prices.SendAsync(pool, new IncreaseObservationCardinalityFunction { Next = 64 }, "growing the pool's observations");
        await prices.AddLiquidityAsync(BigInteger.Pow(10, 21));
        return prices;
    }

    /// <summary>Publishes a round on <paramref name="feed"/>; startedAt = updatedAt = <paramref name="updatedAt"/>, or the latest block's time.</summary>
    public async Task PublishAsync(string feed, BigInteger answer, DateTimeOffset? updatedAt = null)
    {
        long time = (updatedAt ?? await LatestBlockTimeAsync()).ToUnixTimeSeconds();
        await SendAsync(feed, new PublishRoundFunction { Answer = answer, StartedAt = time, UpdatedAt = time }, $"publishing a round on {feed}");
    }

    /// <summary>Switches the sequencer uptime feed as of the next block's time (which is then its startedAt).</summary>
    public Task SetSequencerDownAsync(bool down) =>
        SendAsync(SequencerUptimeFeed, new SetSequencerDownFunction { Down = down }, down ? "marking the sequencer down" : "marking the sequencer up");

    /// <summary>Sells <paramref name="amountIn"/> base units of LPT (or of WETH) into the pool: one swap, one block.</summary>
    public async Task SwapAsync(bool sellLpt, BigInteger amountIn)
    {
        await MintAsync(sellLpt ? World.Lpt : Weth, amountIn);
        bool zeroForOne = sellLpt == LptIsToken0;
        await SendAsync(Trader, new TraderSwapFunction { Pool = Pool, ZeroForOne = zeroForOne, AmountIn = amountIn }, "swapping in the pool");
    }

    public async Task<DateTimeOffset> LatestBlockTimeAsync()
    {
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    /// <summary>
    /// √(price of token0 in token1, raw units) × 2^96 for a price of <paramref name="lptInWeth"/> (both tokens have 18
    /// decimals, so raw and whole-token prices are the same).
    /// </summary>
    private BigInteger SqrtPriceX96(decimal lptInWeth)
    {
        var (numerator, denominator) = Ratio(lptInWeth);
        if (!LptIsToken0)
        {
            (numerator, denominator) = (denominator, numerator);
        }

        return IntegerSqrt((numerator << 192) / denominator);
    }

    private async Task AddLiquidityAsync(BigInteger liquidity)
    {
        // Full range at the pool's price asks for about L/√P of token0 and L·√P of token1; mint plenty of both.
        var plenty = BigInteger.Pow(10, 30);
        await MintAsync(World.Lpt, plenty);
        await MintAsync(Weth, plenty);
        await SendAsync(Trader, new TraderMintFunction { Pool = Pool, TickLower = -FullRangeTick, TickUpper = FullRangeTick, Liquidity = liquidity },
            "adding liquidity");
    }

    private async Task MintAsync(DevnetToken token, BigInteger amount)
    {
        await World.MintAsync(token, World.Deployer.Address, amount);
        await SendAsync(token.Address, new ApproveFunction { Spender = Trader, Amount = amount }, $"approving {token.Symbol} for the trader");
    }

    private async Task SendAsync<TFunction>(string contract, TFunction function, string what)
        where TFunction : Nethereum.Contracts.FunctionMessage, new()
    {
        var receipt = await web3.Eth.GetContractTransactionHandler<TFunction>().SendRequestAndWaitForReceiptAsync(contract, function);
        Deployments.EnsureSucceeded(receipt, what);
    }

    private static async Task<FeedAddresses> DeployFeedsAsync(Web3 web3, DevnetDirectory directory)
    {
        var feed = DevnetArtifacts.Compiled(directory, "PriceFeeds.sol", "DevnetPriceFeed");
        async Task<string> DeployFeedAsync(string description, BigInteger answer)
        {
            var address = await Deployments.DeployAsync(web3, new PriceFeedDeployment { ByteCode = feed.Bytecode, Decimals = 8, Description = description }, description);
            var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
            var receipt = await web3.Eth.GetContractTransactionHandler<PublishRoundFunction>().SendRequestAndWaitForReceiptAsync(address,
                new PublishRoundFunction { Answer = answer, StartedAt = block.Timestamp.Value, UpdatedAt = block.Timestamp.Value });
            Deployments.EnsureSucceeded(receipt, $"publishing the first {description} round");
            return AddressUtil.Current.ConvertToChecksumAddress(address);
        }

        var eurUsd = await DeployFeedAsync("EUR / USD", 108_000_000);
        var usdcUsd = await DeployFeedAsync("USDC / USD", 100_000_000);
        var ethUsd = await DeployFeedAsync("ETH / USD", 300_000_000_000);
        var sequencer = await Deployments.DeployAsync(web3, DevnetArtifacts.Compiled(directory, "PriceFeeds.sol", "DevnetSequencerUptimeFeed"));
        return new FeedAddresses(eurUsd, usdcUsd, ethUsd, AddressUtil.Current.ConvertToChecksumAddress(sequencer));
    }

    private static async Task<string> CreatePoolAsync(Web3 web3, string factory, string tokenA, string tokenB)
    {
        var receipt = await web3.Eth.GetContractTransactionHandler<CreatePoolFunction>().SendRequestAndWaitForReceiptAsync(factory,
            new CreatePoolFunction { TokenA = tokenA, TokenB = tokenB, Fee = PoolFee });
        Deployments.EnsureSucceeded(receipt, "creating the LPT/WETH pool");
        var pool = await web3.Eth.GetContractQueryHandler<GetPoolFunction>().QueryAsync<string>(factory,
            new GetPoolFunction { TokenA = tokenA, TokenB = tokenB, Fee = PoolFee });
        return AddressUtil.Current.ConvertToChecksumAddress(pool);
    }

    private static (BigInteger Numerator, BigInteger Denominator) Ratio(decimal value)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A pool price must be positive.");
        }

        var denominator = BigInteger.One;
        while (value != decimal.Truncate(value))
        {
            value *= 10;
            denominator *= 10;
        }

        return (new BigInteger(value), denominator);
    }

    private static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n.IsZero)
        {
            return n;
        }

        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + (n / x)) / 2;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }

    private sealed record FeedAddresses(string EurUsd, string UsdcUsd, string EthUsd, string Sequencer);
}
