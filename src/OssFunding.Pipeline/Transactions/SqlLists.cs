using Dapper;

namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// Portable <c>IN (...)</c> lists. Dapper sends a list parameter to PostgreSQL as one array (which needs <c>= ANY</c>)
/// and expands it elsewhere, so the pipeline writes its lists itself: statuses as literals (enum names, never input),
/// values as numbered parameters.
/// </summary>
internal static class SqlLists
{
    /// <summary><c>('Drafted', 'AwaitingSignatures')</c>: status names are enum members, safe to inline.</summary>
    public static string Statuses(IEnumerable<TransactionStatus> statuses)
    {
        var names = statuses.Select(status => $"'{status}'").ToList();
        return names.Count == 0
            ? throw new ArgumentException("An IN list needs at least one status.", nameof(statuses))
            : $"({string.Join(", ", names)})";
    }

    /// <summary>Adds <c>@{prefix}0 … @{prefix}N</c> to <paramref name="parameters"/> and returns <c>(@{prefix}0, …)</c>.</summary>
    public static string Values(DynamicParameters parameters, string prefix, IEnumerable<string> values)
    {
        var names = values.Select((value, index) =>
        {
            parameters.Add($"{prefix}{index}", value);
            return $"@{prefix}{index}";
        }).ToList();
        return names.Count == 0
            ? throw new ArgumentException("An IN list needs at least one value.", nameof(values))
            : $"({string.Join(", ", names)})";
    }
}
