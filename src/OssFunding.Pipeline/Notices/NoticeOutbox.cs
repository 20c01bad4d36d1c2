using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Ledger;
using Prometheus;

namespace OssFunding.Pipeline.Notices;

/// <summary>
/// Writes notices into the <c>notices</c> outbox inside the caller's transaction, so a notice exists exactly when the
/// state change that caused it committed (SPEC §2.6). Delivery to channels reads the outbox later.
/// </summary>
public sealed class NoticeOutbox(TimeProvider clock, ILogger<NoticeOutbox> logger)
{
    private static readonly Counter Written = Metrics.CreateCounter(
        "ossfunding_notices_written_total", "Notices written to the outbox, by kind.", "kind");

    /// <summary>
    /// Adds a notice; with <paramref name="dedupeKey"/> only the first notice with that key is kept. Returns false
    /// when the key was already used (nothing written).
    /// </summary>
    public async Task<bool> AddAsync(
        DbTransaction transaction, NoticeKind kind, string? safeTxHash, JsonObject payload, string? dedupeKey = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(payload);
        payload["kind"] = kind.ToString();
        var inserted = await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO notices (id, seq, kind, safe_tx_hash, dedupe_key, payload, created_at)
            VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notices), @kind, @safeTxHash, @dedupeKey, @payload, @createdAt)
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
            new
            {
                id = Guid.NewGuid().ToString("N"), kind = kind.ToString(), safeTxHash, dedupeKey,
                payload = payload.ToJsonString(JsonOptions), createdAt = LedgerTime.ToStored(clock.GetUtcNow()),
            },
            transaction);
        if (inserted == 0)
        {
            return false;
        }

        Written.WithLabels(kind.ToString()).Inc();
        if (NoticeKinds.IsAlert(kind))
        {
            logger.LogWarning("Alert {NoticeKind} for Safe tx {SafeTxHash}: {Summary}", kind, safeTxHash, payload["summary"]?.ToString());
        }
        else
        {
            logger.LogInformation("Notice {NoticeKind} for Safe tx {SafeTxHash}", kind, safeTxHash);
        }

        return true;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
