using System.Globalization;
using OssFunding.Core.Ledger;

namespace OssFunding.Reports.Building;

/// <summary>Exact arithmetic for report figures: sums that refuse to round, percentages rounded once and explicitly.</summary>
internal static class Exact
{
    public static decimal Parse(string stored) => ExactDecimal.FromStored(stored);

    public static decimal? ParseOptional(string? stored) => stored is null ? null : ExactDecimal.FromStored(stored);

    public static decimal Sum<T>(IEnumerable<T> items, Func<T, decimal> amount) => ExactDecimal.Sum(items.Select(amount));

    /// <summary><paramref name="part"/> / <paramref name="whole"/> × 100, rounded half away from zero to 2 decimals; null for a zero whole.</summary>
    public static decimal? Percent(decimal part, decimal whole) =>
        whole == 0m ? null : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>A percentage as written in reports: always two decimals ("80.00").</summary>
    public static string PercentText(decimal? percent) =>
        percent is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static string Text(decimal amount) => ExactDecimal.ToCanonical(amount);
}
