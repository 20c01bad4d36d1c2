using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;

namespace OssFunding.Pipeline.Notices;

/// <summary>
/// How far the chain watcher is from the head, as the sync job saw it after a poll.
/// </summary>
/// <param name="Behind">Time since the watcher was last at the chain head (since the start when it never was).</param>
/// <param name="Position">The last successful poll's position, null when none finished.</param>
/// <param name="LastError">Why the last poll failed, null when it succeeded.</param>
public sealed record WatcherLag(TimeSpan Behind, ChainPosition? Position, string? LastError)
{
    /// <summary>The last poll succeeded and reached the head.</summary>
    public bool AtHead => LastError is null && Position is { } position && position.Checkpoint >= position.Head;
}

/// <summary>
/// The "RPC or watcher stalled" alert (SPEC §9): one <see cref="NoticeKind.WatcherStalled"/> condition per Safe
/// (<c>watcher-stalled:{safe}</c>), raised with its notice when the watcher has not been at the head for longer than
/// <c>Chain:MaxWatcherLag</c>, and cleared only once a poll reaches the head again, so a later stall alerts again. In
/// between (behind, but not for long yet; e.g. just after a restart while the RPC is still down) it stays as it is, so a
/// restart does not repeat the alert. Reads before it writes: a healthy poll, or one more poll of an alerted stall, takes
/// no write lock.
/// </summary>
public sealed class WatcherStallAlert(
    LedgerDatabase database, NoticeOutbox outbox, NoticePayloads payloads, IOptions<ChainOptions> chain,
    IOptions<SafeOptions> safe, TimeProvider clock, ILogger<WatcherStallAlert> logger)
{
    /// <summary>Raises or clears the condition for <paramref name="lag"/>; returns true when it is raised afterwards.</summary>
    public async Task<bool> RecordAsync(WatcherLag lag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lag);
        var key = $"watcher-stalled:{safe.Value.Address}";
        var stalled = lag.Behind > chain.Value.MaxWatcherLag;
        var open = await OpenKeysAsync(cancellationToken);
        var unchanged = stalled ? open.SequenceEqual([key]) : !lag.AtHead || open.Count == 0;
        if (unchanged)
        {
            return open.Count > 0;
        }

        await database.WriteAsync(async (_, transaction) =>
        {
            await AlertConditions.ClearExceptAsync(transaction, NoticeKind.WatcherStalled, stalled ? [key] : []);
            var summary = Describe(lag);
            if (stalled && await AlertConditions.RaiseAsync(transaction, key, NoticeKind.WatcherStalled, summary, clock.GetUtcNow()))
            {
                await outbox.AddAsync(transaction, NoticeKind.WatcherStalled, null, payloads.ForAlert(summary, Details(lag)));
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        if (!stalled)
        {
            logger.LogInformation("Chain watcher for Safe {Safe} is back at the head; the WatcherStalled alert is cleared", safe.Value.Address);
        }

        return stalled;
    }

    private async Task<IReadOnlyList<string>> OpenKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT condition_key FROM alert_conditions WHERE kind = @kind",
            new { kind = NoticeKind.WatcherStalled.ToString() }, cancellationToken: cancellationToken))).ToList();
    }

    private string Describe(WatcherLag lag)
    {
        var where = lag.Position is { } position
            ? string.Create(CultureInfo.InvariantCulture,
                $"checkpoint {position.Checkpoint}, head {position.Head} ({position.Lag} blocks behind), final {position.Final} ({position.FinalLag} blocks behind the head) at the last successful poll")
            : "no poll has succeeded since the start";
        var error = lag.LastError is { } last ? $"; the last poll failed: {last}" : "; polls succeed but do not reach the head";
        return string.Create(CultureInfo.InvariantCulture,
            $"The chain watcher for Safe {safe.Value.Address} has not been at the chain head for {lag.Behind.TotalSeconds:F0} s " +
            $"(over Chain:MaxWatcherLag {chain.Value.MaxWatcherLag}): {where}{error}.");
    }

    private Dictionary<string, JsonNode?> Details(WatcherLag lag) => new()
    {
        ["safe"] = safe.Value.Address,
        ["behindSeconds"] = (long)lag.Behind.TotalSeconds,
        ["maxWatcherLagSeconds"] = (long)chain.Value.MaxWatcherLag.TotalSeconds,
        ["checkpoint"] = lag.Position?.Checkpoint,
        ["head"] = lag.Position?.Head,
        ["final"] = lag.Position?.Final,
        ["finalLagBlocks"] = lag.Position?.FinalLag,
        ["lastError"] = lag.LastError,
    };
}
