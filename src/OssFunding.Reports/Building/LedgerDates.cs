using System.Globalization;
using OssFunding.Core.Ledger;

namespace OssFunding.Reports.Building;

/// <summary>Dates of ledger facts, in the forms reports print (UTC).</summary>
internal static class LedgerDates
{
    public static DateTimeOffset Parse(string stored) => LedgerTime.FromStored(stored);

    /// <summary>An off-chain payment's date (YYYY-MM-DD) as the first instant of that day.</summary>
    public static DateTimeOffset ParseDay(string day) =>
        DateTimeOffset.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
