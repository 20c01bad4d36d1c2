using System.Text.RegularExpressions;
using Dapper;

namespace OssFunding.Core.Storage;

/// <summary>
/// Portable <c>IN (...)</c> lists for SQLite and PostgreSQL. Dapper sends a list parameter to PostgreSQL as one array
/// (which needs <c>= ANY</c>) and expands it elsewhere, so the ledger's readers write their lists themselves: fixed names
/// (states, event and notice kinds) as literals, input values as numbered parameters.
/// </summary>
public static partial class SqlLists
{
    /// <summary><c>('Drafted', 'AwaitingSignatures')</c> from enum members: names, never input, safe to inline.</summary>
    public static string Names<TEnum>(IEnumerable<TEnum> values)
        where TEnum : struct, Enum =>
        Names(values.Select(value => value.ToString()));

    /// <summary><c>('ExecutionSuccess', 'ExecutionFailure')</c> from fixed identifiers; anything else is refused.</summary>
    public static string Names(IEnumerable<string> names)
    {
        var literals = names.Select(name => Identifier().IsMatch(name)
            ? $"'{name}'"
            : throw new ArgumentException($"'{name}' is not a plain identifier and cannot be inlined in SQL.", nameof(names))).ToList();
        return literals.Count == 0
            ? throw new ArgumentException("An IN list needs at least one name.", nameof(names))
            : $"({string.Join(", ", literals)})";
    }

    /// <summary>Adds <c>@{prefix}0 … @{prefix}N</c> to <paramref name="parameters"/> and returns <c>(@{prefix}0, …)</c>.</summary>
    public static string Values(DynamicParameters parameters, string prefix, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var names = values.Select((value, index) =>
        {
            parameters.Add($"{prefix}{index}", value);
            return $"@{prefix}{index}";
        }).ToList();
        return names.Count == 0
            ? throw new ArgumentException("An IN list needs at least one value.", nameof(values))
            : $"({string.Join(", ", names)})";
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
