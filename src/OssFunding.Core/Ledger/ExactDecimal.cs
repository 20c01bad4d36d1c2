using System.Globalization;
using System.Text.RegularExpressions;

namespace OssFunding.Core.Ledger;

/// <summary>
/// Exact decimal amounts as written in files and stored in the ledger ("12.5"). Never floating point:
/// a value is accepted only when <see cref="decimal"/> holds it exactly (at most 28 significant digits).
/// </summary>
public static partial class ExactDecimal
{
    public const int MaxSignificantDigits = 28;

    /// <summary>Parses a plain decimal (digits, optional fraction). Returns null and a reason when it is not one.</summary>
    public static decimal? Parse(string? text, out string? problem)
    {
        problem = Describe(text);
        return problem is null ? decimal.Parse(text!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Number of digits after the point, ignoring trailing zeros ("1.50" has 1).</summary>
    public static int Decimals(string plain)
    {
        var point = plain.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : plain[(point + 1)..].TrimEnd('0').Length;
    }

    /// <summary>Shortest exact text: no trailing zeros, no exponent ("12.50" → "12.5", "100" → "100").</summary>
    public static string ToCanonical(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>Reads a value the ledger itself wrote.</summary>
    public static decimal FromStored(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>Adds exactly; throws instead of rounding when the sum needs more digits than decimal holds.</summary>
    public static decimal Add(decimal left, decimal right)
    {
        var sum = left + right;
        if (sum - left != right || sum - right != left)
        {
            throw new OverflowException($"{ToCanonical(left)} + {ToCanonical(right)} cannot be represented exactly");
        }

        return sum;
    }

    public static decimal Sum(IEnumerable<decimal> values) => values.Aggregate(0m, Add);

    private static string? Describe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "is empty";
        }

        if (PlainDecimal().IsMatch(text))
        {
            return SignificantDigits(text) > MaxSignificantDigits
                ? $"needs more than {MaxSignificantDigits} significant digits"
                : null;
        }

        return text switch
        {
            _ when text.AsSpan().IndexOfAny("eE") >= 0 => "must not use an exponent (write 1500, not 1.5e3)",
            _ when text[0] is '-' or '+' => "must not have a sign",
            _ when text.AsSpan().IndexOfAny(",_' ") >= 0 => "must not have thousands separators or spaces",
            _ => "is not a plain decimal number (digits with an optional '.' fraction)",
        };
    }

    // Digits decimal must hold: the integer part without leading zeros plus the fraction up to its last non-zero digit.
    private static int SignificantDigits(string plain)
    {
        var point = plain.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? plain : plain[..point];
        return integer.TrimStart('0').Length + Decimals(plain);
    }

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainDecimal();
}
