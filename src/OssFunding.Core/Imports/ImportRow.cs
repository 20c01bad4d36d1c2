using OssFunding.Core.Allocations;
using OssFunding.Core.Text;

namespace OssFunding.Core.Imports;

/// <summary>
/// One record of an import file as text, keyed by snake_case column name, remembering the line each value came
/// from so that every error points at it. JSON files name columns in camelCase; errors use the file's own names.
/// </summary>
internal sealed class ImportRow(int line, ImportFormat format, IReadOnlyDictionary<string, (string? Value, int Line)> fields)
{
    public int Line { get; } = line;

    /// <summary>The value, or "" when the column is absent or null.</summary>
    public string this[string column] => fields.TryGetValue(column, out var field) ? field.Value ?? "" : "";

    /// <summary>Null when the column is absent, null or empty.</summary>
    public string? Optional(string column) => this[column] is { Length: > 0 } value ? value : null;

    /// <summary>
    /// One error per field holding a hidden character (SPEC §14), naming line, column, position and code point. Every
    /// import file is checked here, before any rule of its own, so no column can be forgotten.
    /// </summary>
    public IReadOnlyList<ImportError> HiddenCharacterErrors() =>
        fields.Where(field => field.Value.Value is not null)
            .Select(field => (field.Key, Problem: HiddenCharacters.Problem(field.Value.Value!)))
            .Where(field => field.Problem is not null)
            .Select(field => Error(field.Key, field.Problem!))
            .ToList();

    public ImportError Error(string column, string reason) =>
        new(fields.TryGetValue(column, out var field) ? field.Line : Line, ColumnLabel(column, format), reason);

    public static string ColumnLabel(string column, ImportFormat format) =>
        format == ImportFormat.Json ? ToCamelCase(column) : column;

    public static string ToCamelCase(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }
}

/// <summary>The columns a file must have, in order, with an optional group that comes all together at the end.</summary>
internal sealed record ImportColumns(IReadOnlyList<string> Required, IReadOnlyList<string> OptionalTail)
{
    public IEnumerable<string> All => Required.Concat(OptionalTail);

    public string Describe() =>
        string.Join(',', Required) + (OptionalTail.Count == 0 ? "" : "[," + string.Join(',', OptionalTail) + "]");

    /// <summary>Null when <paramref name="header"/> is exactly right, otherwise what is wrong with it.</summary>
    public string? HeaderProblem(IReadOnlyList<string> header)
    {
        if (header.SequenceEqual(Required, StringComparer.Ordinal) || header.SequenceEqual(All, StringComparer.Ordinal))
        {
            return null;
        }

        var details = new List<string>();
        var duplicates = header.GroupBy(name => name, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key);
        details.AddRange(duplicates.Select(name => $"column '{DisplayText.Escape(name)}' appears more than once"));
        var missing = Required.Where(name => !header.Contains(name, StringComparer.Ordinal)).ToList();
        var optionalPresent = OptionalTail.Where(name => header.Contains(name, StringComparer.Ordinal)).ToList();
        if (optionalPresent.Count > 0)
        {
            missing.AddRange(OptionalTail.Except(optionalPresent, StringComparer.Ordinal));
        }

        details.AddRange(missing.Select(name => $"missing column '{name}'"));
        details.AddRange(header.Where(name => !All.Contains(name, StringComparer.Ordinal)).Select(name => $"unexpected column '{DisplayText.Escape(name)}'"));
        if (details.Count == 0)
        {
            details.Add("the columns are out of order");
        }

        return $"header must be exactly {Describe()}: {string.Join("; ", details)}";
    }
}
