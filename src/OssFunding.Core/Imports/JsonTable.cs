using System.Text.Json;
using OssFunding.Core.Allocations;
using OssFunding.Core.Text;

namespace OssFunding.Core.Imports;

/// <summary>
/// Reads a JSON import file: an array of objects whose keys are the camelCase column names and whose values are
/// strings (or null for optional ones). Numbers are refused: most JSON tools turn them into binary floats.
/// </summary>
internal static class JsonTable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors) Read(byte[] content, ImportColumns columns)
    {
        var json = content.AsSpan().StartsWith(Utf8Bom) ? content[Utf8Bom.Length..] : content;
        var lines = new LineIndex(json);
        var errors = new List<ImportError>();
        var rows = new List<ImportRow>();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (json.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') || !reader.Read())
            {
                return ([], [new ImportError(0, "", "the file is empty: expected a JSON array of allocations")]);
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return ([], [new ImportError(lines.Of(reader.TokenStartIndex), "", "the file must be a JSON array of objects")]);
            }

            var keys = columns.All.ToDictionary(column => ImportRow.ToCamelCase(column), StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var row = ReadObject(ref reader, lines, keys, columns, errors);
                if (row is not null)
                {
                    rows.Add(row);
                }
            }
        }
        catch (JsonException exception)
        {
            return ([], [new ImportError((int)(exception.LineNumber ?? -1) + 1, "", $"the file is not valid JSON: {exception.Message}")]);
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(0, "", "the file holds no allocations (empty array)"));
        }

        return (rows, errors);
    }

    private static ImportRow? ReadObject(ref Utf8JsonReader reader, LineIndex lines, Dictionary<string, string> keys, ImportColumns columns, List<ImportError> errors)
    {
        var line = lines.Of(reader.TokenStartIndex);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(new ImportError(line, "", "each item must be a JSON object"));
            reader.Skip();
            return null;
        }

        var before = errors.Count;
        var fields = new Dictionary<string, (string?, int)>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var keyLine = lines.Of(reader.TokenStartIndex);
            reader.Read();
            var value = ReadValue(ref reader, key, keyLine, errors);
            if (!keys.TryGetValue(key, out var column))
            {
                errors.Add(new ImportError(keyLine, DisplayText.Escape(key), $"unexpected key '{DisplayText.Escape(key)}' (keys: {string.Join(", ", keys.Keys)})"));
            }
            else if (!fields.TryAdd(column, (value, keyLine)))
            {
                errors.Add(new ImportError(keyLine, key, $"key '{key}' appears twice in the same object"));
            }
        }

        foreach (var column in columns.Required.Where(column => !fields.ContainsKey(column)))
        {
            errors.Add(new ImportError(line, ImportRow.ToCamelCase(column), $"missing key '{ImportRow.ToCamelCase(column)}'"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var row = new ImportRow(line, ImportFormat.Json, fields);
        var hidden = row.HiddenCharacterErrors();
        errors.AddRange(hidden);
        return hidden.Count == 0 ? row : null;
    }

    private static string? ReadValue(ref Utf8JsonReader reader, string key, int line, List<ImportError> errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                errors.Add(new ImportError(line, key,
                    $"must be a JSON string such as \"12.5\", not the number {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)}: JSON numbers are read as floats and lose digits"));
                return null;
            default:
                errors.Add(new ImportError(line, key, "must be a JSON string"));
                reader.Skip();
                return null;
        }
    }

    /// <summary>Maps byte offsets to 1-based line numbers.</summary>
    private sealed class LineIndex(ReadOnlySpan<byte> json)
    {
        private readonly int[] newlines = FindNewlines(json);

        public int Of(long offset)
        {
            var index = Array.BinarySearch(newlines, (int)offset);
            return (index < 0 ? ~index : index) + 1;
        }

        private static int[] FindNewlines(ReadOnlySpan<byte> json)
        {
            var positions = new List<int>();
            for (var i = 0; i < json.Length; i++)
            {
                if (json[i] == (byte)'\n')
                {
                    positions.Add(i);
                }
            }

            return [.. positions];
        }
    }
}
