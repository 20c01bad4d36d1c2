using System.Numerics;
using Nethereum.Util;

namespace OssFunding.Chain.Prices;

/// <summary>
/// The time-weighted average price of a Uniswap v3 pool over a window ending at a block: <c>observe([Window, 0])</c>
/// gives two tick cumulatives; their difference over the window is the mean tick, rounded toward minus infinity as
/// Uniswap's own OracleLibrary does; the price of token0 in token1 is 1.0001^tick × 10^(decimals0 − decimals1).
/// The pair's base must be one of the pool's tokens (its address from <c>Tokens</c>); when it is token1 the price
/// is that of token1 in token0, 1.0001^−tick × 10^(decimals1 − decimals0), computed directly rather than inverted
/// so the leg's rate stays a finite decimal.
/// </summary>
internal sealed class UniswapTwap(PriceChainReads reads)
{
    public async Task<PriceLeg> ReadAsync(PricePair pair, string pool, string baseToken, TimeSpan window, long block, DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        string what = $"{pair} pool";
        var token0 = await reads.QueryAsync<PoolToken0Function, string>(what, pool, new PoolToken0Function(), block, cancellationToken);
        var token1 = await reads.QueryAsync<PoolToken1Function, string>(what, pool, new PoolToken1Function(), block, cancellationToken);
        bool baseIsToken0 = AddressUtil.Current.AreAddressesTheSame(token0, baseToken);
        if (!baseIsToken0 && !AddressUtil.Current.AreAddressesTheSame(token1, baseToken))
        {
            throw new PriceRefusedException($"{what} {pool} holds {token0} and {token1}, not {pair.Base} ({baseToken})");
        }

        int decimals0 = await reads.QueryAsync<FeedDecimalsFunction, byte>($"{what} token0", token0, new FeedDecimalsFunction(), block, cancellationToken);
        int decimals1 = await reads.QueryAsync<FeedDecimalsFunction, byte>($"{what} token1", token1, new FeedDecimalsFunction(), block, cancellationToken);
        int meanTick = await MeanTickAsync(what, pool, window, block, cancellationToken);
        var rate = baseIsToken0
            ? TickPrice.PowerOf(meanTick) * Rational.FromScaled(BigInteger.One, decimals1 - decimals0)
            : TickPrice.PowerOf(-meanTick) * Rational.FromScaled(BigInteger.One, decimals0 - decimals1);
        return new PriceLeg(pair, PriceSourceKind.UniswapV3Twap, rate, Inverted: false, blockTime,
            Address: pool, TwapWindow: window, MeanTick: meanTick);
    }

    /// <summary>⌊(tickCumulative(now) − tickCumulative(now − window)) / window⌋.</summary>
    public static int MeanTick(BigInteger cumulativeThen, BigInteger cumulativeNow, long windowSeconds)
    {
        var delta = cumulativeNow - cumulativeThen;
        var tick = BigInteger.DivRem(delta, windowSeconds, out var remainder);
        return (int)(remainder.Sign < 0 ? tick - 1 : tick);
    }

    private async Task<int> MeanTickAsync(string what, string pool, TimeSpan window, long block, CancellationToken cancellationToken)
    {
        uint seconds = (uint)window.TotalSeconds;
        var observed = await reads.CallAsync<ObserveFunction, ObserveOutput>(what, pool,
            new ObserveFunction { SecondsAgos = [seconds, 0] }, block, cancellationToken);
        if (observed.TickCumulatives.Count != 2)
        {
            throw new PriceRefusedException($"{what} {pool} at block {block} answered observe with {observed.TickCumulatives.Count} values, not 2");
        }

        int tick = MeanTick(observed.TickCumulatives[0], observed.TickCumulatives[1], seconds);
        return Math.Abs(tick) <= TickPrice.MaxTick
            ? tick
            : throw new PriceRefusedException($"{what} {pool} at block {block} has a mean tick {tick} outside Uniswap's range");
    }
}
