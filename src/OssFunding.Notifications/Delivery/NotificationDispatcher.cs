using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Channels;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Delivery;

/// <summary>
/// Delivers the outbox: fans new notices out into deliveries (<see cref="NoticeRouter"/>), then sends the due ones,
/// each channel on its own so a slow or dead channel delays only itself. A channel whose attempt fails is left alone
/// for the rest of the run (its other deliveries wait for the next run instead of each waiting for a timeout). Nothing
/// in the pipeline waits for this: it reads what the pipeline committed.
/// </summary>
public sealed class NotificationDispatcher
{
    private readonly DeliveryStore store;
    private readonly NoticeRouter router;
    private readonly NoticeDocumentBuilder documents;
    private readonly IReadOnlyList<INoticeChannel> channels;
    private readonly SignerDirectory signers;
    private readonly ChannelHealth health;
    private readonly RetrySchedule schedule;
    private readonly SecretRedactor redactor;
    private readonly DeliveryOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<NotificationDispatcher> logger;

    internal NotificationDispatcher(
        DeliveryStore store, NoticeRouter router, NoticeDocumentBuilder documents, IEnumerable<INoticeChannel> channels, SignerDirectory signers,
        ChannelHealth health, RetrySchedule schedule, SecretRedactor redactor, IOptions<DeliveryOptions> options, TimeProvider clock,
        ILogger<NotificationDispatcher> logger)
    {
        this.store = store;
        this.router = router;
        this.documents = documents;
        this.channels = channels.ToList();
        this.signers = signers;
        this.health = health;
        this.schedule = schedule;
        this.redactor = redactor;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task<DispatchRun> RunAsync(CancellationToken cancellationToken)
    {
        var (notices, created) = await store.FanOutAsync(
            notice => router.RoutesFor(documents.Build(notice)), options.FanOutBatchSize, clock.GetUtcNow(), cancellationToken);
        if (notices > 0)
        {
            logger.LogInformation("Fanned out {NoticeCount} notices into {DeliveryCount} deliveries", notices, created);
        }

        var outcomes = await Task.WhenAll(channels.Select(channel => DeliverChannelAsync(channel, cancellationToken)));
        ChannelHealth.SetDeliveryCounts(await store.CountByStatusAsync(cancellationToken));
        var all = outcomes.SelectMany(list => list).ToList();
        return new DispatchRun(notices, created, all.Count(o => o == Outcome.Delivered), all.Count(o => o == Outcome.Retrying),
            all.Count(o => o is Outcome.Dead or Outcome.DeadRefused));
    }

    private async Task<List<Outcome>> DeliverChannelAsync(INoticeChannel channel, CancellationToken cancellationToken)
    {
        await Task.Yield(); // channels run side by side
        var outcomes = new List<Outcome>();
        while (outcomes.Count < options.BatchSize)
        {
            var claimed = await store.ClaimNextAsync(channel.Channel, clock.GetUtcNow(), options.Lease, cancellationToken);
            if (claimed is null)
            {
                break;
            }

            var outcome = await AttemptAsync(channel, claimed, cancellationToken);
            outcomes.Add(outcome);
            if (outcome is Outcome.Retrying or Outcome.Dead)
            {
                break;
            }
        }

        return outcomes;
    }

    private async Task<Outcome> AttemptAsync(INoticeChannel channel, ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        var document = documents.Build(claimed.Notice);
        try
        {
            var signer = Addressee(channel, claimed);
            await channel.SendAsync(new OutgoingNotice(claimed.Id, document, signer), cancellationToken);
        }
        catch (DeliveryFailedException failed)
        {
            return await FailAsync(claimed, redactor.Redact(failed.Message), failed.Permanent, failed.RetryAfter);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(claimed, redactor.Redact($"{unexpected.GetType().Name}: {unexpected.Message}"), permanent: false, null);
        }

        var now = clock.GetUtcNow();
        await store.MarkDeliveredAsync(claimed.Id, now);
        await health.RecordSuccessAsync(claimed.Channel, now);
        ChannelHealth.Count(claimed.Channel, ChannelHealth.Delivered);
        logger.LogInformation("Delivered {NoticeKind} notice {NoticeId} to {Channel} {Recipient} as {DeliveryId} (attempt {Attempt})",
            claimed.Notice.Kind, claimed.Notice.Id, claimed.Channel, RecipientLabel(claimed), claimed.Id, claimed.Attempts);
        return Outcome.Delivered;
    }

    // A route that configuration no longer supports (channel turned off, signer removed) can never be delivered.
    private SignerOptions? Addressee(INoticeChannel channel, ClaimedDelivery claimed)
    {
        if (claimed.Recipient.Length == 0)
        {
            return channel.HasSharedDestination ? null
                : throw new DeliveryFailedException($"{claimed.Channel} has no shared destination configured any more", permanent: true);
        }

        var signer = signers.Find(claimed.Recipient);
        return signer is not null && channel.CanReach(signer) ? signer
            : throw new DeliveryFailedException($"signer {claimed.Recipient} is no longer reachable on {claimed.Channel}", permanent: true);
    }

    private async Task<Outcome> FailAsync(ClaimedDelivery claimed, string error, bool permanent, TimeSpan? retryAfter)
    {
        var now = clock.GetUtcNow();
        await health.RecordFailureAsync(claimed.Channel, error, now);
        if (permanent || claimed.Attempts >= options.MaxAttempts)
        {
            await store.MarkDeadAsync(claimed.Id, claimed.Attempts, error, now);
            ChannelHealth.Count(claimed.Channel, ChannelHealth.Dead);
            logger.LogError("Gave up on {NoticeKind} notice {NoticeId} to {Channel} {Recipient} ({DeliveryId}) after {Attempts} attempts: {Error}",
                claimed.Notice.Kind, claimed.Notice.Id, claimed.Channel, RecipientLabel(claimed), claimed.Id, claimed.Attempts, error);
            return permanent ? Outcome.DeadRefused : Outcome.Dead;
        }

        var next = now + schedule.DelayAfter(claimed.Attempts, retryAfter);
        await store.ScheduleRetryAsync(claimed.Id, claimed.Attempts, next, error, now);
        ChannelHealth.Count(claimed.Channel, ChannelHealth.Retry);
        logger.LogWarning("Delivery {DeliveryId} of {NoticeKind} notice {NoticeId} to {Channel} {Recipient} failed (attempt {Attempt}), next at {NextAttemptAt}: {Error}",
            claimed.Id, claimed.Notice.Kind, claimed.Notice.Id, claimed.Channel, RecipientLabel(claimed), claimed.Attempts, next, error);
        return Outcome.Retrying;
    }

    private string RecipientLabel(ClaimedDelivery claimed) =>
        claimed.Recipient.Length == 0 ? "(shared)" : signers.ShortName(claimed.Recipient);

    // DeadRefused: the receiver refused this one request; the channel itself may be fine, so the run goes on.
    private enum Outcome
    {
        Delivered,
        Retrying,
        Dead,
        DeadRefused,
    }
}
