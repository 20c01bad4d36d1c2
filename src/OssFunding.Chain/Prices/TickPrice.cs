using System.Numerics;

namespace OssFunding.Chain.Prices;

/// <summary>
/// Uniswap v3's price at a tick, 1.0001^tick (token1 per token0, in base units), as a decimal. It is computed from the
/// exact fraction 10001^t / 10000^t with integer arithmetic and cut (rounded down) to <see cref="SignificantDigits"/>
/// significant digits: a relative error below 10^-39, which no token amount (at most 36 decimals here, 18 for LPT)
/// can see except in a tie closer than that. The cut keeps later arithmetic on numbers of 40 digits instead of
/// hundreds of thousands. The same definition gives the same digits on every machine: no floating point.
/// </summary>
public static class TickPrice
{
    public const int SignificantDigits = 40;

    /// <summary>Uniswap v3's tick range (TickMath.MIN_TICK / MAX_TICK).</summary>
    public const int MaxTick = 887272;

    private static readonly BigInteger Step = 10001;
    private static readonly BigInteger Unit = 10000;

    /// <summary>1.0001^<paramref name="tick"/>, rounded down to 40 significant digits.</summary>
    public static Rational PowerOf(int tick)
    {
        if (tick is > MaxTick or < -MaxTick)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, $"A Uniswap v3 tick lies within ±{MaxTick}.");
        }

        int exponent = Math.Abs(tick);
        var numerator = BigInteger.Pow(tick >= 0 ? Step : Unit, exponent);
        var denominator = BigInteger.Pow(tick >= 0 ? Unit : Step, exponent);

        // log10(1.0001) ≈ 4.3427e-5: the value has about tick × 4.3427e-5 digits before the point. Scale so the
        // quotient has a few more than 40 digits, then drop the excess: floor(floor(x) / 10^k) = floor(x / 10^k).
        int magnitude = (int)Math.Floor(tick * 4.3427276862669e-5);
        int scale = SignificantDigits - magnitude + 2;
        var quotient = Scaled(numerator, denominator, scale);
        int excess = quotient.ToString(System.Globalization.CultureInfo.InvariantCulture).Length - SignificantDigits;
        if (excess > 0)
        {
            quotient /= BigInteger.Pow(10, excess);
            scale -= excess;
        }

        return Rational.FromScaled(quotient, scale);
    }

    private static BigInteger Scaled(BigInteger numerator, BigInteger denominator, int scale) =>
        scale >= 0
            ? numerator * BigInteger.Pow(10, scale) / denominator
            : numerator / (denominator * BigInteger.Pow(10, -scale));
}
