using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace OssFunding.Chain.Prices;

/// <summary>One rate of the table: <see cref="Rate"/> <see cref="Pair"/>.Quote per <see cref="Pair"/>.Base on <see cref="Date"/>, as published at <see cref="Source"/>.</summary>
public sealed record RateTableRow(int Line, PricePair Pair, DateOnly Date, Rational Rate, string Source);

/// <summary>
/// The rate table file (<c>Prices:RateTable</c>): CSV with the header <c>pair,date,rate,source</c>, one rate per
/// pair and UTC date, for pairs no on-chain source serves (e.g. a reference rate the treasury's decision names).
/// <c>pair</c> is <c>BASE/QUOTE</c>, <c>date</c> <c>YYYY-MM-DD</c>, <c>rate</c> a plain decimal above zero (how many
/// QUOTE one BASE is worth), <c>source</c> the public https page the rate was taken from, so a reader can check it.
/// </summary>
public sealed class RateTable
{
    private static readonly string[] Header = ["pair", "date", "rate", "source"];

    private readonly Dictionary<PricePair, List<RateTableRow>> byPair;

    private RateTable(string path, IReadOnlyList<RateTableRow> rows)
    {
        Path = path;
        Rows = rows;
        byPair = rows.GroupBy(row => row.Pair).ToDictionary(group => group.Key, group => group.OrderBy(row => row.Date).ToList());
    }

    public string Path { get; }

    public IReadOnlyList<RateTableRow> Rows { get; }

    public static RateTable Empty { get; } = new("", []);

    public IEnumerable<PricePair> Pairs => byPair.Keys;

    /// <summary>Reads and checks the whole file; every bad line is reported (<c>line N, column NAME: reason</c>) and then nothing is loaded.</summary>
    public static (RateTable? Table, IReadOnlyList<string> Problems) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, [$"the rate table file '{path}' does not exist"]);
        }

        var problems = new List<string>();
        var rows = new List<RateTableRow>();
        try
        {
            ReadRows(path, rows, problems);
        }
        catch (DecoderFallbackException)
        {
            return (null, [$"{path}: the file is not valid UTF-8 text"]);
        }

        FindDuplicates(path, rows, problems);
        return problems.Count == 0 ? (new RateTable(path, rows), problems) : (null, problems);
    }

    /// <summary>
    /// The latest row for <paramref name="pair"/> dated on or before the block's UTC day, no older than
    /// <paramref name="maxAge"/> (measured from the start of its date); a refusal otherwise.
    /// </summary>
    public PriceLeg Lookup(PricePair pair, DateTimeOffset blockTime, TimeSpan maxAge)
    {
        var day = DateOnly.FromDateTime(blockTime.UtcDateTime);
        var row = byPair.TryGetValue(pair, out var rows) ? rows.LastOrDefault(r => r.Date <= day) : null;
        if (row is null)
        {
            throw new PriceRefusedException($"the rate table {Path} has no {pair} rate dated on or before {day:yyyy-MM-dd}");
        }

        var dated = new DateTimeOffset(row.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (blockTime - dated > maxAge)
        {
            throw new PriceRefusedException(
                $"the rate table {Path} line {row.Line}: the latest {pair} rate is dated {row.Date:yyyy-MM-dd}, older than RateTableMaxAge {maxAge:c} at {day:yyyy-MM-dd}");
        }

        return new PriceLeg(pair, PriceSourceKind.RateTable, row.Rate, Inverted: false, dated, SourceUrl: row.Source);
    }

    public bool Serves(PricePair pair) => byPair.ContainsKey(pair);

    private static void ReadRows(string path, List<RateTableRow> rows, List<string> problems)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = true,
            BadDataFound = bad => problems.Add($"{path} line {bad.Context.Parser?.RawRow ?? 0}: malformed quoting"),
        };
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, configuration);
        if (!parser.Read() || !(parser.Record ?? []).SequenceEqual(Header, StringComparer.Ordinal))
        {
            problems.Add($"{path} line 1: the header must be {string.Join(',', Header)}");
            return;
        }

        while (parser.Read())
        {
            var row = ParseRow(path, parser.RawRow, parser.Record ?? [], problems);
            if (row is not null)
            {
                rows.Add(row);
            }
        }
    }

    private static RateTableRow? ParseRow(string path, int line, string[] fields, List<string> problems)
    {
        string where = $"{path} line {line}";
        if (fields.Length != Header.Length)
        {
            problems.Add($"{where}: has {fields.Length} fields, the header has {Header.Length}");
            return null;
        }

        int before = problems.Count;
        var pair = PricePair.TryParse(fields[0]);
        if (pair is null)
        {
            problems.Add($"{where}, column pair: must be BASE/QUOTE with two different symbols of letters and digits, e.g. EUR/USD (was \"{fields[0]}\")");
        }

        if (!DateOnly.TryParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add($"{where}, column date: must be a date written YYYY-MM-DD (was \"{fields[1]}\")");
        }

        if (!Rational.TryParse(fields[2], out var rate) || rate.Sign <= 0 || fields[2].StartsWith('-'))
        {
            problems.Add($"{where}, column rate: must be a plain decimal number above zero such as 1.0832 (was \"{fields[2]}\")");
        }

        if (!Uri.TryCreate(fields[3], UriKind.Absolute, out var source) || source.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{where}, column source: must be the https link of the public page the rate was taken from (was \"{fields[3]}\")");
        }

        return problems.Count == before ? new RateTableRow(line, pair!, date, rate, fields[3]) : null;
    }

    private static void FindDuplicates(string path, List<RateTableRow> rows, List<string> problems)
    {
        var seen = new Dictionary<(PricePair, DateOnly), int>();
        foreach (var row in rows)
        {
            // A pair and its reverse are one rate: EUR/USD and USD/EUR on one day would be two answers to one question.
            var key = string.CompareOrdinal(row.Pair.Base, row.Pair.Quote) < 0 ? row.Pair : row.Pair.Reversed;
            if (!seen.TryAdd((key, row.Date), row.Line))
            {
                problems.Add($"{path} line {row.Line}, column date: a second {key} rate for {row.Date:yyyy-MM-dd} (first at line {seen[(key, row.Date)]})");
            }
        }
    }
}
