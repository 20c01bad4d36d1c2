using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;
using OssFunding.Core.Text;

namespace OssFunding.Reports.Rendering;

/// <summary>
/// The one CSV dialect the worker writes (RFC 4180 quoting, \n line ends, invariant culture) and the one place that
/// makes its cells safe to open in a spreadsheet (SPEC §11). Accountants open these files in Excel, LibreOffice or
/// Google Sheets, which run a cell starting with <c>= + - @</c>, tab or CR as a formula; ledger text (project names,
/// references, reasons, URLs, token symbols read from the chain) comes from outside, so every written cell goes through
/// <see cref="Neutralise"/>: OWASP's rule, a leading <c>'</c>, which spreadsheets take as "this is text".
/// A plain decimal number (<c>-12.5</c>, <c>4000</c>) is left as it is: it cannot call anything, and amounts must stay
/// numbers a spreadsheet can add up (a budget line's remaining amount is negative when a cap was lowered below what was
/// allocated). A cell that itself starts with <c>'</c> gets one more, so <see cref="Restore"/> gives back exactly what
/// was written and <see cref="Read{T}"/> round-trips.
/// </summary>
public static partial class SpreadsheetCsv
{
    /// <summary>OWASP's escape: spreadsheets show a cell starting with it as text and do not evaluate it.</summary>
    public const char TextMarker = '\'';

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    public static string Write<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            csv.Context.TypeConverterCache.AddConverter<string>(new SafeTextConverter());
            csv.WriteRecords(rows);
        }

        return text.ToString();
    }

    public static IReadOnlyList<T> Read<T>(string text)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, Configuration);
        csv.Context.TypeConverterCache.AddConverter<string>(new SafeTextConverter());
        return csv.GetRecords<T>().ToList();
    }

    /// <summary>
    /// The cell as written: prefixed with <see cref="TextMarker"/> when a spreadsheet would take it as a formula (or it
    /// starts with the marker itself), unchanged otherwise.
    /// </summary>
    public static string Neutralise(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length == 0 || PlainNumber().IsMatch(cell))
        {
            return cell;
        }

        return cell[0] == TextMarker || FormulaStarts.Contains(cell[0]) ? TextMarker + cell : cell;
    }

    /// <summary>The ledger text of a cell <see cref="Neutralise"/> wrote.</summary>
    public static string Restore(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == TextMarker && (cell[1] == TextMarker || FormulaStarts.Contains(cell[1])) ? cell[1..] : cell;
    }

    /// <summary>What the reports write for amounts, counts, block numbers and percentages: digits, optional sign and fraction.</summary>
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>Every string column of every CSV row type goes through here, so no column can be forgotten.</summary>
    private sealed class SafeTextConverter : StringConverter
    {
        // Hidden characters are shown as \u202E first (DisplayText, SPEC §14): a spreadsheet would display them as they act.
        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
            value is string text ? Neutralise(DisplayText.Escape(text)) : base.ConvertToString(value, row, memberMapData);

        public override object? ConvertFromString(string? text, IReaderRow row, MemberMapData memberMapData) =>
            base.ConvertFromString(text, row, memberMapData) is string cell ? Restore(cell) : null;
    }
}
