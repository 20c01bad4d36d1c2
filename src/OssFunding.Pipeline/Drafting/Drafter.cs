using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Testing;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Drafting;

/// <summary>
/// Drafts one Safe transaction from the due allocations (SPEC §5). Chain reads first (owners, threshold, version, nonce,
/// balances), then one write transaction that re-checks what it read and relies on the schema's unique indexes, so two
/// drafters at once never put an allocation or a nonce into two live transactions. Safe to kill at any line.
/// </summary>
public sealed class Drafter(
    LedgerDatabase database,
    SafeChainReader chain,
    PaymentBatchBuilder builder,
    TokenUnits tokens,
    NoticeOutbox outbox,
    NoticePayloads payloads,
    IOptions<DraftingOptions> drafting,
    IOptions<SigningOptions> signing,
    IOptions<ChainOptions> chainOptions,
    FailPoints failPoints,
    TimeProvider clock,
    ILogger<Drafter> logger,
    IEnumerable<IDraftNonceSource> nonceSources)
{
    private readonly DraftAlerts alerts = new(database, outbox, payloads, clock);

    public async Task<DraftOutcome> DraftAsync(CancellationToken cancellationToken)
    {
        var period = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var maxLive = drafting.Value.MaxLiveTransactions;
        List<DueAllocation> due;
        DraftLedger.PendingSummary pending;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            due = (await DraftLedger.DueAsync(connection, null, period)).Select(ToDue).ToList();
            pending = await DraftLedger.PendingAsync(connection, null);
        }

        if (due.Count == 0)
        {
            return DraftOutcome.Nothing(DraftResult.NothingDue, $"No approved allocation of {period} or earlier is waiting to be paid.");
        }

        if (pending.Count >= maxLive)
        {
            return DraftOutcome.Nothing(DraftResult.LiveLimitReached,
                $"{pending.Count} transaction(s) still wait to execute and Drafting:MaxLiveTransactions is {maxLive}; {due.Count} due allocation(s) wait for them.");
        }

        var safe = await chain.ReadSafeAsync(cancellationToken);
        var (plan, held) = await PlanAsync(due, pending, cancellationToken);
        if (plan.Included.Count == 0)
        {
            await alerts.RecordHeldAsync(held, cancellationToken);
            return DraftOutcome.Nothing(DraftResult.Held, DraftAlerts.Describe(held), held);
        }

        var nonce = BigInteger.Max(safe.Nonce, (pending.MaxNonce ?? -1) + 1);
        foreach (var source in nonceSources)
        {
            nonce = BigInteger.Max(nonce, await source.NextFreeNonceAsync(safe.Nonce, cancellationToken) ?? nonce);
        }

        var built = builder.Build(plan.Included.Select(a => new LedgerPayment(a.Token, a.Recipient, a.Amount)).ToList(), nonce);
        var status = signing.Value.Mode == SigningMode.Local ? TransactionStatus.AwaitingSignatures : TransactionStatus.Drafted;
        var draft = new NewTransaction(built, builder.Safe, chainOptions.Value.ChainId, status, safe.Version, safe.Threshold, safe.Owners);
        DraftOutcome outcome;
        try
        {
            outcome = await database.WriteAsync((_, transaction) => PersistAsync(transaction, draft, plan.Included, held, cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (UniqueViolation.Matches(exception))
        {
            outcome = DraftOutcome.Nothing(DraftResult.LostRace,
                $"Another drafter persisted a transaction for the same allocations or nonce {nonce} first; nothing was written ({exception.Message}).");
        }

        if (outcome.Result != DraftResult.Drafted)
        {
            logger.LogInformation("Draft at nonce {Nonce} not persisted: {DraftResult} {Reason}", (long)nonce, outcome.Result, outcome.Reason);
            return outcome;
        }

        logger.LogInformation("Drafted Safe tx {SafeTxHash} at nonce {Nonce} with {Payments} payments, status {Status}",
            built.SafeTxHash, (long)nonce, plan.Included.Count, status);
        await failPoints.ReachAsync(FailPoints.AfterDraftPersisted, cancellationToken);
        return outcome;
    }

    private async Task<DraftOutcome> PersistAsync(
        DbTransaction transaction, NewTransaction draft, IReadOnlyList<DueAllocation> included, IReadOnlyList<HeldToken> held,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var nonce = (long)draft.Built.Transaction.Nonce;
        await DraftLedger.LockAsync(transaction);
        var current = await DraftLedger.PendingAsync(connection, transaction);
        if (current.Count >= drafting.Value.MaxLiveTransactions)
        {
            return DraftOutcome.Nothing(DraftResult.LiveLimitReached,
                $"Another drafter reached Drafting:MaxLiveTransactions ({drafting.Value.MaxLiveTransactions}) first; nothing was written.");
        }

        if (current.MaxNonce >= nonce)
        {
            return DraftOutcome.Nothing(DraftResult.LostRace, $"Nonce {nonce} was taken by another drafter first; nothing was written.");
        }

        var ids = included.Select(allocation => allocation.Id).ToList();
        if (await DraftLedger.QueueAsync(transaction, ids) != ids.Count)
        {
            return DraftOutcome.Nothing(DraftResult.LostRace,
                "Some of the due allocations were queued or cancelled by another writer meanwhile; nothing was written.");
        }

        var now = clock.GetUtcNow();
        if (!await DraftLedger.TryRedraftCancelledAsync(transaction, draft, included, now))
        {
            await DraftLedger.InsertAsync(transaction, draft, included, now);
        }

        var row = await TransactionLedger.FindAsync(connection, transaction, draft.Built.SafeTxHash)
                  ?? throw new InvalidOperationException($"Safe tx {draft.Built.SafeTxHash} vanished after its insert.");
        var view = (await TransactionQueries.ToViewsAsync(connection, transaction, [row]))[0];
        var reason = $"Drafted nonce {nonce} with {included.Count} payment(s); {draft.Threshold} of {draft.Owners.Count} owners must sign.";
        await outbox.AddAsync(transaction, NoticeKind.TxPending, view.SafeTxHash, payloads.ForTransaction(view, reason));
        await alerts.RecordHeldAsync(transaction, held, now);
        await transaction.CommitAsync(cancellationToken);
        return new DraftOutcome(DraftResult.Drafted, held.Count == 0 ? reason : $"{reason} {DraftAlerts.Describe(held)}", view, held);
    }

    private async Task<(DraftPlan Plan, IReadOnlyList<HeldToken> Held)> PlanAsync(
        IReadOnlyList<DueAllocation> due, DraftLedger.PendingSummary pending, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var available = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var token in due.Select(allocation => allocation.Token).Distinct(StringComparer.Ordinal))
        {
            balances[token] = await chain.BalanceOfAsync(tokens.AddressOf(token), cancellationToken);
            available[token] = balances[token] - tokens.ToBaseUnits(token, pending.ReservedByToken.GetValueOrDefault(token));
        }

        var plan = DraftPlanner.Plan(due, drafting.Value.MaxPaymentsPerTransaction, available);
        var held = plan.HeldByToken.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new HeldToken(
            pair.Key,
            ExactDecimal.ToCanonical(ExactDecimal.Sum(pair.Value.Select(allocation => allocation.Amount))),
            tokens.ToTokenUnits(pair.Key, BigInteger.Max(BigInteger.Zero, available[pair.Key])),
            tokens.ToTokenUnits(pair.Key, balances[pair.Key]),
            ExactDecimal.ToCanonical(pending.ReservedByToken.GetValueOrDefault(pair.Key)),
            pair.Value.Select(allocation => allocation.Id).ToList())).ToList();
        return (plan, held);
    }

    private DueAllocation ToDue(DraftLedger.DueRow row)
    {
        var amount = ExactDecimal.FromStored(row.Amount);
        return new DueAllocation(row.Id, row.Period, row.Project, row.Recipient, row.Token, amount, tokens.ToBaseUnits(row.Token, amount));
    }
}
