using System.Text.Json.Nodes;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;

namespace OssFunding.Pipeline.Notices;

/// <summary>Reads the notices outbox, newest first.</summary>
public sealed class NoticeQueries(LedgerDatabase database)
{
    public const int MaxLimit = 1000;

    /// <param name="alertsOnly">Only alerts (low balance, unplanned outflow, mismatches, owner changes, reorgs).</param>
    /// <param name="safeTxHash">Only notices about this Safe transaction.</param>
    public async Task<IReadOnlyList<NoticeView>> ListAsync(
        bool alertsOnly, string? safeTxHash, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var kinds = SqlLists.Names(Enum.GetValues<NoticeKind>().Where(kind => !alertsOnly || NoticeKinds.IsAlert(kind)));
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NoticeRow>(
            new CommandDefinition(
                $"""
                SELECT id AS Id, seq AS Seq, kind AS Kind, safe_tx_hash AS SafeTxHash, payload AS Payload, created_at AS CreatedAt
                FROM notices WHERE kind IN {kinds} AND (@safeTxHash IS NULL OR safe_tx_hash = @safeTxHash)
                ORDER BY seq DESC, id LIMIT @limit
                """,
                new { safeTxHash = safeTxHash?.ToLowerInvariant(), limit }, cancellationToken: cancellationToken));
        return rows.Select(row =>
        {
            var kind = Enum.Parse<NoticeKind>(row.Kind);
            return new NoticeView(row.Id, row.Seq, kind, NoticeKinds.IsAlert(kind), row.SafeTxHash, LedgerTime.FromStored(row.CreatedAt),
                JsonNode.Parse(row.Payload)!.AsObject());
        }).ToList();
    }

    private sealed record NoticeRow(string Id, long Seq, string Kind, string? SafeTxHash, string Payload, string CreatedAt);
}
