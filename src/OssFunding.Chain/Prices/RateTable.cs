using System.Globalization;

namespace OssFunding.Chain.Prices;

/// <summary>One published rate: on <see cref="Date"/>, one BASE is worth <see cref="Rate"/> QUOTE, per <see cref="Source"/>.</summary>
public sealed record RateTableEntry(string Pair, DateOnly Date, ExactRate Rate, string RateText, string Source);

/// <summary>
/// The rate table file (<c>Prices:RateTableFile</c>): CSV with header <c>pair,date,rate,source</c>, one rate per pair and
/// UTC day, each with the public https page it was taken from. Serves pairs with no on-chain source; a day without a
/// row has no rate (never the nearest day's).
/// </summary>
public sealed class RateTable
{
    private const string Header = "pair,date,rate,source";
    private readonly Dictionary<(string Pair, DateOnly Date), RateTableEntry> entries;

    private RateTable(Dictionary<(string, DateOnly), RateTableEntry> entries) => this.entries = entries;

    public static RateTable Empty { get; } = new([]);

    public int Count => entries.Count;

    /// <summary>Parses the file; every bad line is a problem naming line and reason, and then no table is returned.</summary>
    public static RateTable? TryLoad(string path, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!File.Exists(path))
        {
            problems.Add($"rate table file '{path}' does not exist");
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !string.Equals(lines[0].Trim(), Header, StringComparison.Ordinal))
        {
            problems.Add($"{path}:1: header must be '{Header}'");
            return null;
        }

        var table = new Dictionary<(string, DateOnly), RateTableEntry>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var entry = ParseLine(lines[i], out var problem);
            if (entry is null)
            {
                problems.Add($"{path}:{i + 1}: {problem}");
            }
            else if (!table.TryAdd((entry.Pair, entry.Date), entry))
            {
                problems.Add($"{path}:{i + 1}: a second rate for {entry.Pair} on {entry.Date:yyyy-MM-dd}");
            }
        }

        return problems.Count == 0 ? new RateTable(table) : null;
    }

    public RateTableEntry? Find(string pair, DateOnly date) =>
        entries.GetValueOrDefault((pair.ToUpperInvariant(), date));

    private static RateTableEntry? ParseLine(string line, out string problem)
    {
        var cells = line.Split(',');
        problem = "";
        if (cells.Length != 4)
        {
            problem = $"expected 4 cells (pair,date,rate,source), got {cells.Length}";
            return null;
        }

        var pair = cells[0].Trim().ToUpperInvariant();
        if (pair.Split('_') is not [{ Length: > 0 } b, { Length: > 0 } q] || !(b + q).All(char.IsAsciiLetterOrDigit))
        {
            problem = $"pair '{cells[0]}' must be BASE_QUOTE (e.g. EUR_USD)";
            return null;
        }

        if (!DateOnly.TryParseExact(cells[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem = $"date '{cells[1]}' must be YYYY-MM-DD";
            return null;
        }

        var rateText = cells[2].Trim();
        if (!ExactRate.TryParse(rateText, out var rate) || !rate.IsPositive)
        {
            problem = $"rate '{cells[2]}' must be a plain positive decimal";
            return null;
        }

        var source = cells[3].Trim();
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            problem = $"source '{cells[3]}' must be a public https link to where the rate was published";
            return null;
        }

        return new RateTableEntry(pair, date, rate, rateText, source);
    }
}
