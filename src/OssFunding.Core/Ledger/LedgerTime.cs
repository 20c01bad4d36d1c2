using System.Globalization;

namespace OssFunding.Core.Ledger;

/// <summary>Timestamps are stored as ISO-8601 UTC text so both engines sort and compare them the same way.</summary>
public static class LedgerTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToStored(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromStored(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
