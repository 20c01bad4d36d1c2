using System.Globalization;
using System.Numerics;

namespace OssFunding.Chain.Prices;

/// <summary>
/// An exact non-negative rational number (numerator / denominator in BigInteger). Rates are kept exact from the
/// chain's integers (Chainlink answers, pool ticks) through every product and quotient; rounding happens once, at
/// the end, by <see cref="FloorScaled"/> (toward zero: the treasury never pays or reports more than the exact value).
/// </summary>
/// Fractions are not reduced: a pool price 10001^t / 10000^t is already in lowest terms, and a GCD of numbers with
/// hundreds of thousands of digits would cost more than everything else. Equality compares values.
public readonly struct ExactRate : IEquatable<ExactRate>, IComparable<ExactRate>
{
    private ExactRate(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public bool IsPositive => Numerator.Sign > 0;

    public static ExactRate Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator must be positive.");
        }

        if (numerator.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "Rates are never negative.");
        }

        return new ExactRate(numerator, denominator);
    }

    /// <summary>An integer scaled by 10^<paramref name="decimals"/>: a Chainlink answer, a token amount in base units.</summary>
    public static ExactRate FromScaled(BigInteger value, int decimals) => Of(value, BigInteger.Pow(10, decimals));

    /// <summary>A plain decimal string ("1.0842"); throws FormatException otherwise.</summary>
    public static ExactRate Parse(string text)
    {
        if (!TryParse(text, out var rate))
        {
            throw new FormatException($"'{text}' is not a plain non-negative decimal.");
        }

        return rate;
    }

    public static bool TryParse(string? text, out ExactRate rate)
    {
        rate = default;
        if (string.IsNullOrEmpty(text) || text.Length > 80)
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (dot >= 0 && fraction.Length == 0))
        {
            return false;
        }

        rate = FromScaled(BigInteger.Parse(whole + fraction, CultureInfo.InvariantCulture), fraction.Length);
        return true;
    }

    public static ExactRate operator *(ExactRate a, ExactRate b) => Of(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static ExactRate operator /(ExactRate a, ExactRate b)
    {
        if (b.Numerator.IsZero)
        {
            throw new DivideByZeroException("Division by a zero rate.");
        }

        return Of(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }

    public ExactRate Multiply(ExactRate other) => this * other;

    public ExactRate Divide(ExactRate other) => this / other;

    /// <summary>floor(value × 10^decimals): the one rounding rule (toward zero, to the given decimals).</summary>
    public BigInteger FloorScaled(int decimals) => Numerator * BigInteger.Pow(10, decimals) / Denominator;

    /// <summary>The value truncated to <paramref name="decimals"/> places, as a plain decimal string.</summary>
    public string ToDecimalString(int decimals)
    {
        var scaled = FloorScaled(decimals).ToString(CultureInfo.InvariantCulture);
        if (decimals == 0)
        {
            return scaled;
        }

        scaled = scaled.PadLeft(decimals + 1, '0');
        var text = scaled[..^decimals] + "." + scaled[^decimals..];
        return text.TrimEnd('0').TrimEnd('.');
    }

    /// <summary>Truncated to exactly <paramref name="decimals"/> places, trailing zeros kept ("12.50").</summary>
    public string ToDecimalStringFixed(int decimals)
    {
        var scaled = FloorScaled(decimals).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? scaled : scaled[..^decimals] + "." + scaled[^decimals..];
    }

    /// <summary>|a − b| / b in percent, exact.</summary>
    public static ExactRate DriftPercent(ExactRate from, ExactRate to)
    {
        var difference = Of(BigInteger.Abs((to.Numerator * from.Denominator) - (from.Numerator * to.Denominator)), to.Denominator * from.Denominator);
        return difference / from * FromScaled(100, 0);
    }

    public int CompareTo(ExactRate other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(ExactRate other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ExactRate other && Equals(other);

    public override int GetHashCode() => ToDecimalString(18).GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(ExactRate a, ExactRate b) => a.Equals(b);

    public static bool operator !=(ExactRate a, ExactRate b) => !a.Equals(b);

    public static bool operator <(ExactRate a, ExactRate b) => a.CompareTo(b) < 0;

    public static bool operator <=(ExactRate a, ExactRate b) => a.CompareTo(b) <= 0;

    public static bool operator >(ExactRate a, ExactRate b) => a.CompareTo(b) > 0;

    public static bool operator >=(ExactRate a, ExactRate b) => a.CompareTo(b) >= 0;

    public override string ToString() => ToDecimalString(18);
}
