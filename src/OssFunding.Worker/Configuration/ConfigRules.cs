using System.Globalization;
using System.Text.RegularExpressions;
using Nethereum.Util;
using OssFunding.Core.Ledger;

namespace OssFunding.Worker.Configuration;

/// <summary>Checks shared by the options validators. Each adds a problem and returns false when the value is bad.</summary>
internal static partial class ConfigRules
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <summary>
    /// EIP-55 only: an all-lowercase address carries no checksum, so a typo in it would go unnoticed; it is refused
    /// like a wrong checksum.
    /// </summary>
    public static bool ChecksumAddress(ConfigProblems problems, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(key, "an address is required", value);
            return false;
        }

        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(value))
        {
            problems.Add(key, "must be 0x followed by 40 hex digits", value);
            return false;
        }

        if (string.Equals(value, ZeroAddress, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(key, "must not be the zero address", value);
            return false;
        }

        // Same rule as the ledger's import: exactly the address's EIP-55 form.
        if (Eip55Address.Problem(value) is not null)
        {
            problems.Add(key, "must be an EIP-55 checksummed address (all-lowercase addresses are refused)", value);
            return false;
        }

        return true;
    }

    public static bool AbsoluteUrl(ConfigProblems problems, string key, string? value, bool secret = false, params string[] schemes)
    {
        string[] allowed = schemes.Length == 0 ? ["http", "https"] : schemes;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && allowed.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        string reason = $"must be an absolute {string.Join(" or ", allowed)} URL";
        if (secret)
        {
            problems.AddHidden(key, reason);
        }
        else
        {
            problems.Add(key, reason, value);
        }

        return false;
    }

    public static bool Range(ConfigProblems problems, string key, long value, long min, long max)
    {
        if (value >= min && value <= max)
        {
            return true;
        }

        problems.Add(key, $"must be between {min} and {max}", value);
        return false;
    }

    public static bool Positive(ConfigProblems problems, string key, TimeSpan value)
    {
        if (value > TimeSpan.Zero)
        {
            return true;
        }

        problems.Add(key, "must be a positive duration", value);
        return false;
    }

    /// <summary>Parses <c>YYYY-MM</c>; returns the month as a comparable number (year × 12 + month − 1).</summary>
    public static int? Period(ConfigProblems problems, string key, string? value)
    {
        if (value is not null && PeriodPattern().IsMatch(value))
        {
            int year = int.Parse(value.AsSpan(0, 4), CultureInfo.InvariantCulture);
            int month = int.Parse(value.AsSpan(5, 2), CultureInfo.InvariantCulture);
            return (year * 12) + month - 1;
        }

        problems.Add(key, "must be a month written YYYY-MM", value);
        return null;
    }

    /// <summary>A plain decimal (digits, optional fraction; no sign, exponent or separators) above zero.</summary>
    public static bool PlainPositiveDecimal(ConfigProblems problems, string key, string? value, int? maxDecimals)
    {
        if (value is null || !PlainDecimalPattern().IsMatch(value)
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal parsed))
        {
            problems.Add(key, "must be a plain decimal number such as 4000 or 12.5", value);
            return false;
        }

        if (parsed <= 0)
        {
            problems.Add(key, "must be greater than zero", value);
            return false;
        }

        int fractionDigits = value.Contains('.', StringComparison.Ordinal) ? value.Length - value.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        if (maxDecimals is { } max && fractionDigits > max)
        {
            problems.Add(key, $"has {fractionDigits} decimals but the token has {max}", value);
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"^\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainDecimalPattern();
}
