using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using OssFunding.Core.Allocations;

namespace OssFunding.Core.Imports;

/// <summary>Reads a CSV import file (RFC 4180, UTF-8 with or without BOM, LF or CRLF) into rows of text.</summary>
internal static class CsvTable
{
    public static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors) Read(byte[] content, ImportColumns columns)
    {
        var errors = new List<ImportError>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = true,
            BadDataFound = bad => errors.Add(new ImportError(bad.Context.Parser?.RawRow ?? 0, "", $"malformed quoting in \"{bad.RawRecord.TrimEnd()}\"")),
        };
        using var reader = new StreamReader(new MemoryStream(content), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, configuration);
        try
        {
            return ReadRows(parser, columns, errors);
        }
        catch (DecoderFallbackException)
        {
            return ([], [new ImportError(0, "", "the file is not valid UTF-8 text")]);
        }
    }

    private static (IReadOnlyList<ImportRow>, IReadOnlyList<ImportError>) ReadRows(CsvParser parser, ImportColumns columns, List<ImportError> errors)
    {
        if (!parser.Read())
        {
            return ([], [new ImportError(0, "", $"the file is empty: expected the header {columns.Describe()}")]);
        }

        var header = parser.Record ?? [];
        var headerProblem = columns.HeaderProblem(header);
        if (headerProblem is not null)
        {
            return ([], [new ImportError(1, "", headerProblem)]);
        }

        var rows = new List<ImportRow>();
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            var line = parser.RawRow;
            if (record.Length != header.Length)
            {
                errors.Add(new ImportError(line, "", $"has {record.Length} fields but the header has {header.Length} (unquoted comma or missing field?)"));
                continue;
            }

            var fields = header.Select((name, index) => (name, field: ((string?)record[index], line)))
                .ToDictionary(pair => pair.name, pair => pair.field, StringComparer.Ordinal);
            var row = new ImportRow(line, ImportFormat.Csv, fields);
            var hidden = row.HiddenCharacterErrors();
            if (hidden.Count > 0)
            {
                errors.AddRange(hidden);
                continue;
            }

            rows.Add(row);
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(0, "", "the file has a header but no rows"));
        }

        return (rows, errors);
    }
}
