using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Pipeline.Drafting;

/// <summary>
/// LowBalance alerts for held payments: one condition per token (<c>LowBalance:{token}</c>), raised with a notice when it
/// starts and cleared when the token's due payments fit again.
/// </summary>
internal sealed class DraftAlerts(LedgerDatabase database, NoticeOutbox outbox, NoticePayloads payloads, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    public static string Describe(IReadOnlyList<HeldToken> held) =>
        held.Count == 0
            ? "Nothing is held."
            : "Held for lack of Safe balance: " + string.Join("; ", held.Select(token =>
                $"{token.AllocationIds.Count} {token.Token} payment(s) need {token.Needed} {token.Token}, only {token.Available} available " +
                $"(balance {token.Balance}, {token.ReservedByLiveTransactions} reserved by live transactions)")) + ".";

    public Task RecordHeldAsync(IReadOnlyList<HeldToken> held, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await RecordHeldAsync(transaction, held, clock.GetUtcNow());
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Raises the condition of each held token (notice on first raise) and clears those of tokens no longer held.</summary>
    public async Task RecordHeldAsync(DbTransaction transaction, IReadOnlyList<HeldToken> held, DateTimeOffset now)
    {
        var keys = held.Select(token => Key(token.Token)).ToList();
        await AlertConditions.ClearExceptAsync(transaction, NoticeKind.LowBalance, keys);
        foreach (var token in held)
        {
            var detail = Describe([token]);
            if (await AlertConditions.RaiseAsync(transaction, Key(token.Token), NoticeKind.LowBalance, detail, now))
            {
                var payload = payloads.ForAlert(detail, new Dictionary<string, JsonNode?>
                {
                    ["held"] = JsonSerializer.SerializeToNode(token, Camel),
                });
                await outbox.AddAsync(transaction, NoticeKind.LowBalance, null, payload);
            }
        }
    }

    private static string Key(string token) => $"LowBalance:{token}";
}
