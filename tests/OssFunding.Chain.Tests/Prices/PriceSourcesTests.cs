using System.Numerics;
using OssFunding.Chain.Prices;

namespace OssFunding.Chain.Tests.Prices;

/// <summary>
/// Price quotes on anvil from Chainlink-shaped feeds, the sequencer uptime feed and a real Uniswap v3 pool, each
/// expected value computed here independently (integer arithmetic on the raw answers and the observed ticks).
/// </summary>
public sealed class PriceSourcesTests(PricesDevnet devnet) : IClassFixture<PricesDevnet>
{
    private static readonly BigInteger TenTo18 = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Euros_convert_to_USDC_exactly_to_the_last_unit_rounded_down_with_provenance()
    {
        await using var scope = await devnet.Chain.Rpc.SnapshotScopeAsync();
        await PassGracePeriodAsync();
        await devnet.Prices.PublishAsync(devnet.Prices.EurUsdFeed, 108_123_457);
        await devnet.Prices.PublishAsync(devnet.Prices.UsdcUsdFeed, 99_987_654);
        long block = await devnet.LatestBlockAsync();
        var (sources, rpc) = devnet.Sources();
        using var _ = rpc;

        var quote = Available(await sources.QuoteAsync("USDC", "EUR", block, CancellationToken.None));
        BigInteger tokens = quote.TokensFor(Rational.Parse("1500"), 6);

        // 1500 EUR × (USD per EUR) ÷ (USD per USDC), in USDC base units, rounded down; both feeds have 8 decimals.
        BigInteger expected = new BigInteger(1500) * 108_123_457 * BigInteger.Pow(10, 6) / 99_987_654;
        Assert.Equal(expected, tokens);
        Assert.NotEqual(0, (new BigInteger(1500) * 108_123_457 * BigInteger.Pow(10, 6)) % 99_987_654); // a real rounding happened
        Assert.Equal(block, quote.BlockNumber);
        Assert.Collection(
            quote.Legs,
            usdc =>
            {
                Assert.Equal((PriceSourceKind.ChainlinkFeed, devnet.Prices.UsdcUsdFeed, false), (usdc.Kind, usdc.Address, usdc.Inverted));
                Assert.Equal((BigInteger.One << 64) + 2, usdc.RoundId); // the second round: the deployment published the first
                Assert.Equal("0.99987654", usdc.Rate.ToExactDecimalString());
            },
            eur =>
            {
                Assert.Equal((PriceSourceKind.ChainlinkFeed, devnet.Prices.EurUsdFeed, true), (eur.Kind, eur.Address, eur.Inverted));
                Assert.Equal("1.08123457", eur.Rate.ToExactDecimalString());
            });
    }

    [Fact]
    public async Task Euros_convert_to_LPT_through_the_pool_TWAP_and_ETH_USD_exactly()
    {
        await using var scope = await devnet.Chain.Rpc.SnapshotScopeAsync();
        await PassGracePeriodAsync();
        await SwapOverTimeAsync();
        await devnet.Prices.PublishAsync(devnet.Prices.EurUsdFeed, 108_000_001);
        await devnet.Prices.PublishAsync(devnet.Prices.EthUsdFeed, 312_345_678_901);
        long block = await devnet.LatestBlockAsync();
        var (sources, rpc) = devnet.Sources();
        using var _ = rpc;

        var quote = Available(await sources.QuoteAsync("LPT", "EUR", block, CancellationToken.None));
        BigInteger tokens = quote.TokensFor(Rational.Parse("1500"), 18);

        // Independently: the mean tick from the pool's own observations, 1.0001^tick as an exact fraction.
        int tick = await ObservedMeanTickAsync(block);
        var (lptInWethNumerator, lptInWethDenominator) = ExactLptInWeth(tick);
        // tokens = 1500 × EURUSD ÷ (LPT/WETH × ETHUSD), 18 decimals, rounded down (feeds' 8 decimals cancel).
        BigInteger expected = new BigInteger(1500) * 108_000_001 * lptInWethDenominator * TenTo18 / (lptInWethNumerator * 312_345_678_901);
        Assert.Equal(expected, tokens);
        var pool = Assert.Single(quote.Legs, leg => leg.Kind == PriceSourceKind.UniswapV3Twap);
        Assert.Equal((devnet.Prices.Pool, PricesDevnet.Window, tick), (pool.Address, pool.TwapWindow!.Value, pool.MeanTick!.Value));
        Assert.Equal(["LPT/ETH", "ETH/USD", "EUR/USD"], quote.Legs.Select(leg => leg.Pair.ToString()));
    }

    [Fact]
    public async Task The_TWAP_differs_from_the_spot_price_and_matches_the_observed_ticks()
    {
        await using var scope = await devnet.Chain.Rpc.SnapshotScopeAsync();
        await PassGracePeriodAsync();
        await SwapOverTimeAsync();
        long block = await devnet.LatestBlockAsync();
        var (sources, rpc) = devnet.Sources();
        using var _ = rpc;

        var quote = Available(await sources.QuoteAsync("LPT", "ETH", block, CancellationToken.None));

        var leg = Assert.Single(quote.Legs);
        int observed = await ObservedMeanTickAsync(block);
        int spot = await devnet.SpotTickAsync(block);
        Assert.Equal(observed, leg.MeanTick);
        Assert.NotEqual(spot, observed);
        // The rate is 1.0001^tick cut to 40 significant digits: never above the exact value, and within 10^-39 of it.
        var (numerator, denominator) = ExactLptInWeth(observed);
        // Cross-multiplied: a fraction of 250,000-digit numbers is too slow to reduce.
        var (rateNumerator, rateDenominator) = (quote.Rate.Numerator, quote.Rate.Denominator);
        var shortfall = (numerator * rateDenominator) - (rateNumerator * denominator);
        Assert.True(shortfall.Sign >= 0, $"{quote.Rate} is above the exact 1.0001^tick");
        Assert.True(shortfall * BigInteger.Pow(10, 39) < numerator * rateDenominator, $"{quote.Rate} is further than 10^-39 from 1.0001^tick");
        var spotPrice = devnet.Prices.LptIsToken0 ? TickPrice.PowerOf(spot) : TickPrice.PowerOf(-spot);
        Assert.NotEqual(spotPrice, quote.Rate);
    }

    [Fact]
    public async Task A_round_fresh_at_one_block_is_refused_as_stale_at_a_later_one()
    {
        await using var scope = await devnet.Chain.Rpc.SnapshotScopeAsync();
        await PassGracePeriodAsync();
        var published = await devnet.Prices.LatestBlockTimeAsync() - TimeSpan.FromHours(24);
        await devnet.Prices.PublishAsync(devnet.Prices.EthUsdFeed, 300_000_000_000, published);
        long fresh = await devnet.LatestBlockAsync();
        await devnet.Chain.Rpc.IncreaseTimeAsync(TimeSpan.FromHours(2));
        await devnet.Chain.Rpc.MineAsync();
        long later = await devnet.LatestBlockAsync();
        var (sources, rpc) = devnet.Sources();
        using var _ = rpc;

        Available(await sources.QuoteAsync("ETH", "USD", fresh, CancellationToken.None));
        var refused = await sources.QuoteAsync("ETH", "USD", later, CancellationToken.None);

        Assert.Null(refused.Quote);
        Assert.Contains($"no ETH/USD price at block {later}: ETH/USD feed {devnet.Prices.EthUsdFeed} round", refused.Refusal, StringComparison.Ordinal);
        Assert.Contains("is stale", refused.Refusal, StringComparison.Ordinal);
        Assert.Contains("older than MaxAge 1.01:00:00", refused.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prices_are_refused_while_the_sequencer_is_down_and_within_its_grace_period_after()
    {
        await using var scope = await devnet.Chain.Rpc.SnapshotScopeAsync();
        await PassGracePeriodAsync();
        await devnet.Prices.PublishAsync(devnet.Prices.EthUsdFeed, 300_000_000_000);
        var (sources, rpc) = devnet.Sources();
        using var _ = rpc;

        await devnet.Prices.SetSequencerDownAsync(true);
        var down = await sources.QuoteAsync("ETH", "USD", await devnet.LatestBlockAsync(), CancellationToken.None);
        await devnet.Prices.SetSequencerDownAsync(false);
        var justUp = await sources.QuoteAsync("ETH", "USD", await devnet.LatestBlockAsync(), CancellationToken.None);
        var poolJustUp = await sources.QuoteAsync("LPT", "ETH", await devnet.LatestBlockAsync(), CancellationToken.None);
        await devnet.Chain.Rpc.IncreaseTimeAsync(PricesDevnet.Grace);
        await devnet.Chain.Rpc.MineAsync();
        var afterGrace = await sources.QuoteAsync("ETH", "USD", await devnet.LatestBlockAsync(), CancellationToken.None);

        Assert.Contains("the L2 sequencer is down", down.Refusal, StringComparison.Ordinal);
        Assert.Contains("within the grace period of 01:00:00", justUp.Refusal, StringComparison.Ordinal);
        Assert.Contains("within the grace period", poolJustUp.Refusal, StringComparison.Ordinal);
        Assert.True(afterGrace.IsAvailable, afterGrace.Refusal);
    }

    [Fact]
    public async Task A_pair_without_a_source_a_feed_without_code_and_a_window_beyond_the_pool_history_are_refused()
    {
        await using var scope = await devnet.Chain.Rpc.SnapshotScopeAsync();
        await PassGracePeriodAsync();
        long block = await devnet.LatestBlockAsync();
        string notAContract = devnet.Prices.World.Deployer.Address;
        var (sources, rpc) = devnet.Sources(devnet.Options(options =>
        {
            options.Pairs["EUR_USD"].Address = notAContract;
            options.Pairs["LPT_ETH"].Window = TimeSpan.FromDays(30);
        }));
        using var _ = rpc;

        var noSource = await sources.QuoteAsync("LPT", "JPY", block, CancellationToken.None);
        var noCode = await sources.QuoteAsync("USDC", "EUR", block, CancellationToken.None);
        var tooLong = await sources.QuoteAsync("LPT", "ETH", block, CancellationToken.None);

        Assert.StartsWith("no price source for LPT/JPY", noSource.Refusal, StringComparison.Ordinal);
        Assert.Contains($"EUR/USD feed {notAContract} at block {block} has no contract code", noCode.Refusal, StringComparison.Ordinal);
        Assert.Contains($"LPT/ETH pool {devnet.Prices.Pool} at block {block} reverted: OLD", tooLong.Refusal, StringComparison.Ordinal);
    }

    private static PriceQuote Available(PriceResult result)
    {
        Assert.True(result.IsAvailable, result.Refusal);
        return result.Quote!;
    }

    /// <summary>The sequencer feed came up at deployment: move past its grace period (and the pool's first window).</summary>
    private async Task PassGracePeriodAsync()
    {
        await devnet.Chain.Rpc.IncreaseTimeAsync(TimeSpan.FromHours(2));
        await devnet.Chain.Rpc.MineAsync();
    }

    /// <summary>Swaps that move the price, with time between them, so the window's average is not the last price.</summary>
    private async Task SwapOverTimeAsync()
    {
        await devnet.Prices.SwapAsync(sellLpt: true, 2_000 * TenTo18);
        await devnet.Chain.Rpc.IncreaseTimeAsync(TimeSpan.FromMinutes(10));
        await devnet.Prices.SwapAsync(sellLpt: true, 3_000 * TenTo18);
        await devnet.Chain.Rpc.IncreaseTimeAsync(TimeSpan.FromMinutes(10));
        await devnet.Prices.SwapAsync(sellLpt: false, 4 * TenTo18);
        await devnet.Chain.Rpc.IncreaseTimeAsync(TimeSpan.FromMinutes(5));
        await devnet.Chain.Rpc.MineAsync();
    }

    private async Task<int> ObservedMeanTickAsync(long block)
    {
        var (then, now) = await devnet.ObserveAsync((uint)PricesDevnet.Window.TotalSeconds, block);
        var delta = now - then;
        var window = (long)PricesDevnet.Window.TotalSeconds;
        // Rounded toward minus infinity, as Uniswap's OracleLibrary.consult does.
        var tick = delta / window;
        return (int)(delta.Sign < 0 && delta % window != 0 ? tick - 1 : tick);
    }

    /// <summary>LPT's price in WETH at <paramref name="tick"/> as an exact fraction (both tokens have 18 decimals).</summary>
    private (BigInteger Numerator, BigInteger Denominator) ExactLptInWeth(int tick)
    {
        // token1 per token0 is 1.0001^tick; when LPT is token1 its price in WETH is the inverse.
        int exponent = devnet.Prices.LptIsToken0 ? tick : -tick;
        var up = BigInteger.Pow(10001, Math.Abs(exponent));
        var down = BigInteger.Pow(10000, Math.Abs(exponent));
        return exponent >= 0 ? (up, down) : (down, up);
    }
}
