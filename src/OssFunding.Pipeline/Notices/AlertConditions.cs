using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;

namespace OssFunding.Pipeline.Notices;

/// <summary>
/// Alert conditions that are true right now (<c>alert_conditions</c>). Raising one that is already raised does nothing,
/// so its notice goes out once per occurrence rather than on every run; clearing it lets a recurrence alert again.
/// </summary>
internal static class AlertConditions
{
    /// <summary>Returns true when the condition is new (the caller then writes its notice in the same transaction).</summary>
    public static async Task<bool> RaiseAsync(DbTransaction transaction, string key, NoticeKind kind, string detail, DateTimeOffset now) =>
        await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO alert_conditions (condition_key, kind, detail, raised_at) VALUES (@key, @kind, @detail, @now)
            ON CONFLICT (condition_key) DO NOTHING
            """,
            new { key, kind = kind.ToString(), detail, now = LedgerTime.ToStored(now) }, transaction) == 1;

    /// <summary>Clears every condition of <paramref name="kind"/> except those in <paramref name="stillTrue"/>.</summary>
    public static async Task ClearExceptAsync(DbTransaction transaction, NoticeKind kind, IReadOnlyCollection<string> stillTrue)
    {
        var keys = await transaction.Connection!.QueryAsync<string>(
            "SELECT condition_key FROM alert_conditions WHERE kind = @kind", new { kind = kind.ToString() }, transaction);
        foreach (var key in keys.Where(key => !stillTrue.Contains(key)))
        {
            await transaction.Connection!.ExecuteAsync(
                "DELETE FROM alert_conditions WHERE condition_key = @key", new { key }, transaction);
        }
    }
}
