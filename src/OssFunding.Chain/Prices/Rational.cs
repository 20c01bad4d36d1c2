using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace OssFunding.Chain.Prices;

/// <summary>
/// An exact fraction (BigInteger numerator over a positive denominator, always reduced). Every rate and amount the
/// price code derives is one: no double, and no decimal whose 28 digits could silently round a product of rates.
/// </summary>
public readonly partial record struct Rational : IComparable<Rational>
{
    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public static Rational One => new(BigInteger.One, BigInteger.One);

    public int Sign => Numerator.Sign;

    public static Rational Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction's denominator must not be zero.");
        }

        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne || gcd.IsZero ? new(numerator, denominator) : new(numerator / gcd, denominator / gcd);
    }

    public static Rational Of(BigInteger value) => new(value, BigInteger.One);

    /// <summary><paramref name="units"/> / 10^<paramref name="decimals"/>: base units of a token, or a feed's scaled answer.</summary>
    public static Rational FromScaled(BigInteger units, int decimals) =>
        decimals >= 0 ? Of(units, BigInteger.Pow(10, decimals)) : Of(units * BigInteger.Pow(10, -decimals));

    /// <summary>A plain decimal: digits with an optional fraction, optional leading minus; no exponent or separators.</summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (text is null || !PlainDecimal().IsMatch(text))
        {
            return false;
        }

        int point = text.IndexOf('.', StringComparison.Ordinal);
        string digits = point < 0 ? text : text.Remove(point, 1);
        int decimals = point < 0 ? 0 : text.Length - point - 1;
        value = FromScaled(BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), decimals);
        return true;
    }

    public static Rational Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a plain decimal number.");

    public Rational Inverse() =>
        Numerator.IsZero ? throw new DivideByZeroException("Zero has no inverse.") : Of(Denominator, Numerator);

    public static Rational operator *(Rational left, Rational right) =>
        Of(left.Numerator * right.Numerator, left.Denominator * right.Denominator);

    public static Rational operator /(Rational left, Rational right) => left * right.Inverse();

    public static Rational operator -(Rational left, Rational right) =>
        Of((left.Numerator * right.Denominator) - (right.Numerator * left.Denominator), left.Denominator * right.Denominator);

    public static bool operator <(Rational left, Rational right) => left.CompareTo(right) < 0;

    public static bool operator >(Rational left, Rational right) => left.CompareTo(right) > 0;

    public static bool operator <=(Rational left, Rational right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Rational left, Rational right) => left.CompareTo(right) >= 0;

    public Rational Abs() => new(BigInteger.Abs(Numerator), Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>⌊value × 10^<paramref name="decimals"/>⌋: the largest amount in base units not above the value.</summary>
    public BigInteger FloorToUnits(int decimals)
    {
        var scaled = Numerator * BigInteger.Pow(10, decimals);
        var quotient = BigInteger.DivRem(scaled, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>The exact decimal form when the fraction has one (its denominator is 2^a·5^b), otherwise null.</summary>
    public string? ToExactDecimalString()
    {
        int decimals = 0;
        var rest = Denominator;
        while (!rest.IsOne)
        {
            if (rest % 10 == 0)
            {
                rest /= 10;
            }
            else if (rest % 2 == 0)
            {
                rest /= 2;
            }
            else if (rest % 5 == 0)
            {
                rest /= 5;
            }
            else
            {
                return null;
            }

            decimals++;
        }

        return ToDecimalString(decimals);
    }

    /// <summary>Rounded down (toward minus infinity) to <paramref name="decimals"/> digits after the point.</summary>
    public string ToDecimalString(int decimals)
    {
        var units = FloorToUnits(decimals);
        var sign = units.Sign < 0 ? "-" : "";
        var digits = BigInteger.Abs(units).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        if (decimals == 0)
        {
            return sign + digits;
        }

        var text = new StringBuilder(sign).Append(digits, 0, digits.Length - decimals).Append('.').Append(digits, digits.Length - decimals, decimals);
        return text.ToString().TrimEnd('0').TrimEnd('.');
    }

    /// <summary>The exact decimal form, or 40 decimals rounded down with an ellipsis when it does not terminate.</summary>
    public override string ToString() => ToExactDecimalString() ?? ToDecimalString(40) + "…";

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainDecimal();
}
