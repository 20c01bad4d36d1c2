using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Testing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Signing;

/// <summary>
/// Accepts owners' signatures for a drafted transaction (SPEC §6, §7): rebuilds the calldata from the allocations and
/// compares it first (SPEC §2.5), verifies the signature against the Safe's current on-chain owners, stores it, and moves
/// the transaction to ReadyToExecute once the threshold is met. Refusals change nothing and say why.
/// </summary>
public sealed partial class SignatureCollector(
    LedgerDatabase database,
    SafeChainReader chain,
    RpcSignatureChainReader signatureReads,
    ChainMirrorReader mirror,
    PaymentBatchBuilder builder,
    SignatureLedger signatures,
    NoticeOutbox outbox,
    NoticePayloads payloads,
    FailPoints failPoints,
    ILogger<SignatureCollector> logger)
{
    /// <summary>Longest accepted signature: a contract owner's data can be long, but not unbounded.</summary>
    public const int MaxSignatureBytes = 4096;

    public Task<SignatureOutcome> AddAsync(string safeTxHash, string signatureHex, CancellationToken cancellationToken) =>
        AddAsync(safeTxHash, signatureHex, "api", cancellationToken);

    /// <summary>
    /// Verifies and stores a signature that came from <paramref name="source"/> ('api' for the worker's API and CLI,
    /// 'service' for a confirmation read from the Safe Transaction Service): the same checks whatever its origin.
    /// </summary>
    internal async Task<SignatureOutcome> AddAsync(string safeTxHash, string signatureHex, string source, CancellationToken cancellationToken)
    {
        if (!SafeTxHashText.IsWellFormed(safeTxHash))
        {
            return Refuse(SignatureResult.Malformed, $"'{safeTxHash}' is not a SafeTx hash (0x followed by 64 hex digits).");
        }

        var hash = safeTxHash.ToLowerInvariant();
        if (ParseHex(signatureHex) is not { } bytes)
        {
            return Refuse(SignatureResult.Malformed,
                $"The signature must be 0x followed by an even number of hex digits, at most {MaxSignatureBytes} bytes.");
        }

        TransactionRow? row;
        IReadOnlyList<PaymentLine> lines;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            row = await TransactionLedger.FindAsync(connection, null, hash);
            lines = row is null ? [] : await TransactionLedger.PaymentsAsync(connection, null, [hash]);
        }

        if (row is null)
        {
            return Refuse(SignatureResult.UnknownTx, $"No Safe transaction {hash} is known to this worker.");
        }

        if (!TransactionStatuses.Collecting.Contains(row.TransactionStatus))
        {
            return Refuse(SignatureResult.NotCollecting, NotCollectingMessage(hash, row.TransactionStatus));
        }

        var rebuilt = builder.Rebuild(row, lines);
        if (rebuilt.Built is null)
        {
            await AlertMismatchAsync(hash, rebuilt.Problem!, cancellationToken);
            return Refuse(SignatureResult.LedgerMismatch,
                $"Signatures for {hash} are refused: {rebuilt.Problem} Signing it would not pay what the ledger says.");
        }

        var safe = await chain.ReadSafeAsync(cancellationToken);
        var context = new SignatureCheckContext(
            builder.Domain, rebuilt.Built.Transaction, safe.Owners, safe.Threshold, SafeVersions.Parse(safe.Version));
        VerifiedSignature verified;
        try
        {
            verified = await new SafeSignatureVerifier(signatureReads).VerifyAsync(context, bytes, null, cancellationToken);
        }
        catch (SafeSignatureException exception)
        {
            return Refuse(Classify(exception.Rejection), exception.Message, exception.Owner);
        }

        // ECDSA signatures are stored with low s (EIP-2), so a malleated twin of a signature is the same stored signature.
        var signature = verified.Type == SafeSignatureType.ApprovedHash
            ? await AnchoredApprovalAsync(hash, verified, cancellationToken)
            : new NewSignature(hash, verified.Owner, verified.Type, verified.Signature.WithLowS().ToHex(), source, null, null);
        if (signature is null)
        {
            return new SignatureOutcome(SignatureResult.AwaitingChain,
                $"Owner {verified.Owner}'s approveHash of {hash} is on chain as the node answers, but the watcher has not mirrored it yet; " +
                "it counts once the watcher has seen the block that holds it. Nothing was stored.", verified.Owner, null);
        }

        var outcome = await database.WriteAsync((_, transaction) => StoreAsync(transaction, signature, safe, cancellationToken), cancellationToken);
        logger.LogInformation("Signature by {Owner} ({SignatureType}) for Safe tx {SafeTxHash} at nonce {Nonce}: {SignatureResult}",
            verified.Owner, verified.Type, hash, row.Nonce, outcome.Result);
        if (outcome.Result == SignatureResult.Created)
        {
            await failPoints.ReachAsync(FailPoints.AfterSignatureAccepted, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// An approveHash counts only as the mirrored approval (source 'chain', with its transaction and block), never as a
    /// posted copy: then a reorg that removes the approval removes the signature too, as for one the watcher found
    /// itself. Null while the mirror does not hold it.
    /// </summary>
    private async Task<NewSignature?> AnchoredApprovalAsync(string safeTxHash, VerifiedSignature verified, CancellationToken cancellationToken)
    {
        var approvals = await mirror.GetHashApprovalsOfAsync([safeTxHash], cancellationToken);
        var approval = approvals.FirstOrDefault(candidate => EthAddress.AreEqual(candidate.Owner, verified.Owner));
        return approval is null
            ? null
            : new NewSignature(safeTxHash, verified.Owner, verified.Type, verified.Signature.ToHex(), "chain", approval.TxHash, approval.BlockNumber);
    }

    private async Task<SignatureOutcome> StoreAsync(
        DbTransaction transaction, NewSignature signature, SafeState safe, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        // Row lock before the status check and the insert: a cancel or status change committed meanwhile is seen here and
        // refuses the signature, instead of the signature being stored on a row that is no longer collecting.
        await TransactionLocks.LockAsync(transaction, signature.SafeTxHash);
        var current = await TransactionLedger.FindAsync(connection, transaction, signature.SafeTxHash);
        if (current is null || !TransactionStatuses.Collecting.Contains(current.TransactionStatus))
        {
            return Refuse(SignatureResult.NotCollecting, NotCollectingMessage(signature.SafeTxHash, current?.TransactionStatus));
        }

        if (!await signatures.InsertAsync(transaction, signature))
        {
            var view = await ViewAsync(connection, transaction, signature.SafeTxHash);
            return new SignatureOutcome(SignatureResult.AlreadyPresent,
                $"Owner {signature.Owner} has already signed {signature.SafeTxHash}; the stored signature is kept.", signature.Owner, view);
        }

        var status = await signatures.EvaluateAsync(transaction, signature.SafeTxHash, safe.Owners, safe.Threshold);
        var stored = await ViewAsync(connection, transaction, signature.SafeTxHash);
        await transaction.CommitAsync(cancellationToken);
        var signedByOwners = stored.Signatures.Count(s => safe.Owners.Contains(s.Owner, StringComparer.OrdinalIgnoreCase));
        return new SignatureOutcome(SignatureResult.Created,
            string.Create(CultureInfo.InvariantCulture,
                $"Signature of owner {signature.Owner} accepted: {signedByOwners} of {safe.Threshold} required; the transaction is {status}."),
            signature.Owner, stored);
    }

    private async Task AlertMismatchAsync(string safeTxHash, string problem, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) =>
        {
            var row = await TransactionLedger.FindAsync(connection, transaction, safeTxHash);
            var view = (await TransactionQueries.ToViewsAsync(connection, transaction, [row!]))[0];
            await outbox.AddAsync(transaction, NoticeKind.CalldataMismatch, safeTxHash,
                payloads.ForTransaction(view, $"Safe tx {safeTxHash} does not match its allocations: {problem}"),
                $"CalldataMismatch:{safeTxHash}");
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    private static async Task<TransactionView> ViewAsync(DbConnection connection, DbTransaction transaction, string safeTxHash)
    {
        var row = await TransactionLedger.FindAsync(connection, transaction, safeTxHash);
        return (await TransactionQueries.ToViewsAsync(connection, transaction, [row!]))[0];
    }

    private static SignatureResult Classify(SignatureRejection rejection) => rejection switch
    {
        SignatureRejection.NotAnOwner => SignatureResult.NotOwner,
        SignatureRejection.WrongHash => SignatureResult.WrongHash,
        _ => SignatureResult.Malformed,
    };

    private static string NotCollectingMessage(string safeTxHash, TransactionStatus? status) =>
        $"Safe tx {safeTxHash} is {status?.ToString() ?? "gone"}; signatures are accepted only while it is AwaitingSignatures or ReadyToExecute.";

    private static SignatureOutcome Refuse(SignatureResult result, string message, string? owner = null) => new(result, message, owner, null);

    private static byte[]? ParseHex(string? hex)
    {
        if (hex is null || !hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hex.Length % 2 != 0
            || hex.Length > 2 + (2 * MaxSignatureBytes) || !hex.AsSpan(2).ContainsOnlyHex())
        {
            return null;
        }

        return hex.HexToByteArray();
    }
}
