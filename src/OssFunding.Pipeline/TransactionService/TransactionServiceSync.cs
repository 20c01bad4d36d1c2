using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>What one <see cref="TransactionServiceSync.RunAsync"/> did.</summary>
public sealed record ServiceSyncRun(int Proposed, int Forwarded, int Imported)
{
    public static ServiceSyncRun Nothing { get; } = new(0, 0, 0);

    public bool HasChanges => Proposed + Forwarded + Imported > 0;
}

/// <summary>
/// One turn of the Transaction Service job (Signing:Mode=TransactionService; nothing in Local mode): propose new
/// drafts, forward signatures received by the worker, import and verify the service's confirmations. Every step is
/// idempotent and safe to stop at any line; an unreachable service fails the run and the next run picks up.
/// Execution and confirmation never wait for it: they read the chain.
/// </summary>
public sealed class TransactionServiceSync(
    ServiceProposer proposer,
    ConfirmationForwarder forwarder,
    ServiceConfirmationPoller poller,
    IOptions<SigningOptions> signing,
    ILogger<TransactionServiceSync> logger)
{
    public bool IsEnabled => signing.Value.Mode == SigningMode.TransactionService;

    public async Task<ServiceSyncRun> RunAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return ServiceSyncRun.Nothing;
        }

        var run = new ServiceSyncRun(
            await proposer.ProposeAsync(cancellationToken),
            await forwarder.ForwardAsync(cancellationToken),
            await poller.PollAsync(cancellationToken));
        if (run.HasChanges)
        {
            logger.LogInformation("Transaction Service sync: {Proposed} proposed, {Forwarded} signatures forwarded, {Imported} confirmations imported",
                run.Proposed, run.Forwarded, run.Imported);
        }

        return run;
    }
}
