using System.Numerics;
using Nethereum.Util;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain.Prices;

/// <summary>
/// The time-weighted average price of a Uniswap v3 pool over <c>Window</c> ending at a block: <c>observe([Window, 0])</c>,
/// mean tick = (tickCumulative now − then) / Window rounded toward negative infinity (as Uniswap's OracleLibrary
/// does), and price = 1.0001^tick exactly (10001^t / 10000^t as BigIntegers), adjusted for the tokens' decimals and
/// for which of the pool's tokens is the pair's base.
/// </summary>
internal static class UniswapTwapSource
{
    /// <summary>TickMath.MAX_TICK: a mean tick outside ±887272 cannot come from a real pool.</summary>
    public const int MaxTick = 887_272;

    public static async Task<PriceReading> ReadAsync(
        PriceChainCalls calls, string @base, string quote, PriceSourceOptions source, long block, CancellationToken cancellationToken)
    {
        var pair = $"{@base}_{quote}";
        var window = (uint)source.Window.TotalSeconds;
        var (token0, token1) = await calls.PoolTokensAsync(source.Pool, block, cancellationToken);
        bool baseIsToken0 = AddressUtil.Current.AreAddressesTheSame(token0, source.BaseToken);
        if (!baseIsToken0 && !AddressUtil.Current.AreAddressesTheSame(token1, source.BaseToken))
        {
            return PriceReading.Unavailable($"{pair}: pool {source.Pool} holds {token0} and {token1}, not BaseToken {source.BaseToken}");
        }

        var (then, now) = await calls.ObserveAsync(source.Pool, window, block, cancellationToken);
        var meanTick = MeanTick(now - then, window);
        if (BigInteger.Abs(meanTick) > MaxTick)
        {
            return PriceReading.Unavailable($"{pair}: pool {source.Pool} mean tick {meanTick} over {window} s is outside ±{MaxTick}");
        }

        var decimals0 = await calls.TokenDecimalsAsync(token0, block, cancellationToken);
        var decimals1 = await calls.TokenDecimalsAsync(token1, block, cancellationToken);
        var rate = PriceOfToken0InToken1((int)meanTick, decimals0, decimals1);
        if (!baseIsToken0)
        {
            rate = ExactRate.FromScaled(1, 0) / rate;
        }

        var provenance = new PriceProvenance(PriceProvenance.UniswapV3Twap, source.Pool, RoundId: null, window, (long)meanTick,
            UpdatedAt: null, block, Link: null, Parts: []);
        return PriceReading.Of(new PriceQuote(@base, quote, rate, provenance));
    }

    /// <summary>Integer mean tick, rounded toward negative infinity like OracleLibrary.consult.</summary>
    public static BigInteger MeanTick(BigInteger tickCumulativeDelta, uint windowSeconds)
    {
        var tick = BigInteger.Divide(tickCumulativeDelta, windowSeconds);
        if (tickCumulativeDelta.Sign < 0 && !(tickCumulativeDelta % windowSeconds).IsZero)
        {
            tick -= 1;
        }

        return tick;
    }

    /// <summary>
    /// Whole token1 per whole token0 at <paramref name="tick"/>: 1.0001^tick is token1 base units per token0 base unit;
    /// × 10^(decimals0 − decimals1) turns it into whole tokens. Exact (no rounding).
    /// </summary>
    public static ExactRate PriceOfToken0InToken1(int tick, int decimals0, int decimals1)
    {
        var magnitude = Math.Abs(tick);
        var up = BigInteger.Pow(10001, magnitude);
        var down = BigInteger.Pow(10000, magnitude);
        var raw = tick >= 0 ? ExactRate.Of(up, down) : ExactRate.Of(down, up);
        var shift = decimals0 - decimals1;
        return shift >= 0 ? raw * ExactRate.FromScaled(BigInteger.Pow(10, shift), 0) : raw * ExactRate.FromScaled(1, -shift);
    }
}
