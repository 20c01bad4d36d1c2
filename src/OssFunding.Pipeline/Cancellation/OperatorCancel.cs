using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Cancellation;

/// <summary>
/// Operator cancel (SPEC §5, <c>tx cancel</c>, <c>POST /api/transactions/{h}/cancel</c>). A transaction no signer has
/// seen or signed ends Cancelled at once. "Seen" means: a signature is stored for it (API, service or an approveHash the
/// watcher imported), an owner approved its hash on the Safe (read from the chain now), or, in TransactionService mode,
/// the service accepted it (anyone may then sign it in Safe{Wallet}). Otherwise its signatures stay valid for its nonce
/// forever, so the owners' rejection at that nonce is drafted for them to sign; the original is Cancelling until the
/// confirmer sees the rejection executed at final depth (then Cancelled) or its own execution (then Executed as usual).
/// </summary>
public sealed partial class OperatorCancel(
    LedgerDatabase database,
    SafeChainReader chain,
    RpcSignatureChainReader signatureReads,
    PaymentBatchBuilder builder,
    NoticeOutbox outbox,
    NoticePayloads payloads,
    IOptions<SigningOptions> signing,
    IOptions<ChainOptions> chainOptions,
    TimeProvider clock,
    ILogger<OperatorCancel> logger)
{
    public async Task<CancelOutcome> CancelAsync(string safeTxHash, bool cancelAllocations, CancellationToken cancellationToken)
    {
        if (!SafeTxHashText.IsWellFormed(safeTxHash))
        {
            return CancelOutcome.Refused(CancelResult.Malformed, $"'{safeTxHash}' is not a SafeTx hash (0x followed by 64 hex digits).");
        }

        var hash = safeTxHash.ToLowerInvariant();
        TransactionRow? row;
        bool signedOrProposed;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            row = await TransactionLedger.FindAsync(connection, null, hash);
            signedOrProposed = row is not null && await IsSignedOrProposedAsync(connection, null, hash);
        }

        if (row is null)
        {
            return CancelOutcome.Refused(CancelResult.NotFound, $"No Safe transaction {hash} is known to this worker.");
        }

        if (await RefusalAsync(row, cancelAllocations, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var safe = await chain.ReadSafeAsync(cancellationToken);
        if (safe.Nonce > new BigInteger(row.Nonce))
        {
            return CancelOutcome.Refused(CancelResult.NotCancellable, string.Create(CultureInfo.InvariantCulture,
                $"The Safe's nonce is already {safe.Nonce}: nonce {row.Nonce} of {hash} was used on chain. The confirmer records what used it; nothing was changed."),
                await ViewAsync(hash, cancellationToken));
        }

        var seen = signedOrProposed || await IsApprovedOnChainAsync(hash, safe.Owners, cancellationToken);
        var outcome = seen
            ? await DraftRejectionAsync(row, safe, cancelAllocations, cancellationToken)
            : await CancelAtOnceAsync(row, cancelAllocations, cancellationToken);
        logger.LogInformation("Operator cancel of Safe tx {SafeTxHash} at nonce {Nonce} (cancel allocations: {CancelAllocations}): {CancelResult}",
            hash, row.Nonce, cancelAllocations, outcome.Result);
        return outcome;
    }

    /// <summary>The cases that change nothing: a rejection, already cancelled or cancelling, or past cancelling.</summary>
    private async Task<CancelOutcome?> RefusalAsync(TransactionRow row, bool cancelAllocations, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(row.SafeTxHash, cancellationToken);
        if (row.IsRejection)
        {
            return CancelOutcome.Refused(CancelResult.NotCancellable,
                $"Safe tx {row.SafeTxHash} is the rejection that cancels {row.RejectsSafeTxHash}; a rejection is not cancelled (it moves no funds).", view);
        }

        switch (row.TransactionStatus)
        {
            case TransactionStatus.Cancelled:
                return new CancelOutcome(CancelResult.AlreadyCancelled, $"Safe tx {row.SafeTxHash} is already Cancelled.", view, null);
            case TransactionStatus.Cancelling when (row.CancelAllocations == 1) != cancelAllocations:
                return CancelOutcome.Refused(CancelResult.NotCancellable,
                    $"Safe tx {row.SafeTxHash} is already Cancelling with cancelAllocations={(row.CancelAllocations == 1 ? "true" : "false")}; the choice is kept.", view);
            case TransactionStatus.Cancelling:
                var rejection = view.RejectedBy is { } by ? await ViewAsync(by, cancellationToken) : null;
                return new CancelOutcome(CancelResult.AlreadyCancelling,
                    $"Safe tx {row.SafeTxHash} is already Cancelling: the owners are asked to sign rejection {view.RejectedBy}.", view, rejection);
            case var status when !TransactionStatuses.Cancellable.Contains(status):
                return CancelOutcome.Refused(CancelResult.NotCancellable,
                    $"Safe tx {row.SafeTxHash} is {status}; only a transaction that has not executed (Drafted, AwaitingSignatures, ReadyToExecute) can be cancelled.", view);
            default:
                return null;
        }
    }

    /// <summary>Nobody saw it: Cancelled now, its allocations released; re-checked under the write lock.</summary>
    private Task<CancelOutcome> CancelAtOnceAsync(TransactionRow row, bool cancelAllocations, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            var reason = $"Cancelled by the operator before any owner signed it or it was proposed; {AllocationsPhrase(cancelAllocations)}.";
            // The row lock comes first, the order every writer of the row keeps: no signature lands between check and commit.
            await TransactionLocks.LockAsync(transaction, row.SafeTxHash);
            if (!await TransactionLedger.TransitionAsync(transaction, row.SafeTxHash, TransactionStatus.Cancelled, reason, now,
                    onlyFrom: TransactionStatuses.Cancellable)
                || await IsSignedOrProposedAsync(connection, transaction, row.SafeTxHash))
            {
                return CancelOutcome.Refused(CancelResult.LostRace,
                    $"Safe tx {row.SafeTxHash} changed while it was being cancelled (a signature, a proposal, another cancel); nothing was written. Try again.");
            }

            await CancelLedger.SetCancelAllocationsAsync(transaction, row.SafeTxHash, cancelAllocations);
            await CancelLedger.ReleaseAllocationsAsync(transaction, row.SafeTxHash, cancelAllocations, $"Cancelled with Safe tx {row.SafeTxHash} by the operator.", now);
            var view = await ViewAsync(connection, transaction, row.SafeTxHash);
            await outbox.AddAsync(transaction, NoticeKind.TxSuperseded, row.SafeTxHash, payloads.ForTransaction(view,
                $"Safe tx nonce {row.Nonce} was cancelled by the operator: do not sign it. {reason}"));
            await transaction.CommitAsync(cancellationToken);
            return new CancelOutcome(CancelResult.Cancelled, reason, view, null);
        }, cancellationToken);

    /// <summary>Owners may hold its signatures: the original becomes Cancelling and its rejection is drafted in one transaction.</summary>
    private async Task<CancelOutcome> DraftRejectionAsync(TransactionRow row, SafeState safe, bool cancelAllocations, CancellationToken cancellationToken)
    {
        var built = builder.BuildRejection(row.Nonce);
        var status = signing.Value.Mode == SigningMode.Local ? TransactionStatus.AwaitingSignatures : TransactionStatus.Drafted;
        var rejection = new NewTransaction(built, builder.Safe, chainOptions.Value.ChainId, status, safe.Version, safe.Threshold, safe.Owners, row.SafeTxHash);
        try
        {
            return await database.WriteAsync((connection, transaction) =>
                PersistRejectionAsync(connection, transaction, row, rejection, cancelAllocations, cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (UniqueViolation.Matches(exception))
        {
            return CancelOutcome.Refused(CancelResult.LostRace,
                $"Another rejection at nonce {row.Nonce} was drafted first; nothing was written ({exception.Message}).");
        }
    }

    private async Task<CancelOutcome> PersistRejectionAsync(
        DbConnection connection, DbTransaction transaction, TransactionRow row, NewTransaction rejection, bool cancelAllocations,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = rejection.Built.SafeTxHash;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"Cancelled by the operator; its signatures stay valid for nonce {row.Nonce}, so the owners are asked to sign rejection {hash} at that nonce. It is Cancelled when the rejection executes; {AllocationsPhrase(cancelAllocations)} then.");
        await TransactionLocks.LockAsync(transaction, row.SafeTxHash);
        if (!await TransactionLedger.TransitionAsync(transaction, row.SafeTxHash, TransactionStatus.Cancelling, reason, now,
                onlyFrom: TransactionStatuses.Cancellable))
        {
            return CancelOutcome.Refused(CancelResult.LostRace,
                $"Safe tx {row.SafeTxHash} changed while it was being cancelled (executed, or cancelled by another request); nothing was written. Try again.");
        }

        await CancelLedger.SetCancelAllocationsAsync(transaction, row.SafeTxHash, cancelAllocations);
        await DraftLedger.InsertAsync(transaction, rejection, [], now);
        var original = await ViewAsync(connection, transaction, row.SafeTxHash);
        var drafted = await ViewAsync(connection, transaction, hash);
        await outbox.AddAsync(transaction, NoticeKind.TxPending, hash, payloads.ForTransaction(drafted, string.Create(CultureInfo.InvariantCulture,
            $"Rejection of Safe tx {row.SafeTxHash} at nonce {row.Nonce}: it pays nothing and only uses the nonce, so the cancelled transaction can never execute. {rejection.Threshold} of {rejection.Owners.Count} owners must sign.")));
        await transaction.CommitAsync(cancellationToken);
        return new CancelOutcome(CancelResult.RejectionDrafted, reason, original, drafted);
    }

    private static async Task<bool> IsSignedOrProposedAsync(DbConnection connection, DbTransaction? transaction, string safeTxHash) =>
        await CancelLedger.SignatureCountAsync(connection, transaction, safeTxHash) > 0
        || await CancelLedger.WasProposedAsync(connection, transaction, safeTxHash);

    /// <summary>Positive evidence read from the Safe now: an approveHash the watcher may not have mirrored yet.</summary>
    private async Task<bool> IsApprovedOnChainAsync(string safeTxHash, IReadOnlyList<string> owners, CancellationToken cancellationToken)
    {
        var bytes = safeTxHash.HexToByteArray();
        foreach (var owner in owners)
        {
            if (await signatureReads.IsHashApprovedAsync(builder.Safe, owner, bytes, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static string AllocationsPhrase(bool cancelAllocations) =>
        cancelAllocations ? "its allocations are cancelled with it" : "its allocations are back to Approved";

    private async Task<TransactionView> ViewAsync(string safeTxHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ViewAsync(connection, null, safeTxHash);
    }

    private static async Task<TransactionView> ViewAsync(DbConnection connection, DbTransaction? transaction, string safeTxHash)
    {
        var row = await TransactionLedger.FindAsync(connection, transaction, safeTxHash)
                  ?? throw new InvalidOperationException($"Safe tx {safeTxHash} vanished from the ledger.");
        return (await TransactionQueries.ToViewsAsync(connection, transaction, [row]))[0];
    }
}
