using OssFunding.TestSupport.Receivers;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Notifications.Channels;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Tests.Delivery;

/// <summary>
/// Delivery survives restarts (the outbox row is the promise), and a receiver that never answers holds up nothing but
/// itself. SPEC §2 invariant 6 (persist before publish, the outbox).
/// </summary>
public sealed class RestartAndIsolationTests : IAsyncLifetime
{
    private LoopbackReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private Task<NotificationsTestHost> StartAsync() => NotificationsTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Notifications:Webhook:Url"] = receiver.BaseUrl + "/hook",
        ["Notifications:Webhook:Secret"] = "s3cret-for-restart-tests",
    });

    [Fact]
    public async Task A_notice_committed_by_a_worker_that_died_before_delivering_is_delivered_by_the_next_worker()
    {
        await using var host = await StartAsync();
        var crashed = host.StartProcess();
        await host.WriteNoticeAsync(NoticeKind.TxPending, SampleNotices.Transaction(), "Drafted.", crashed);
        await crashed.DisposeAsync(); // gone before any dispatcher ran: nothing left the process

        Assert.Empty(receiver.Requests);
        var restarted = host.StartProcess();
        var run = await restarted.GetRequiredService<NotificationDispatcher>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (run.NoticesFannedOut, run.Delivered));
        Assert.Equal("TxPending", Assert.Single(receiver.Requests).Header("X-OssFunding-Event"));
    }

    [Fact]
    public async Task A_worker_that_died_mid_send_leaves_the_delivery_to_be_resent_with_the_same_id_after_its_lease()
    {
        await using var host = await StartAsync();
        await host.WriteNoticeAsync(NoticeKind.ReadyToExecute, SampleNotices.Transaction(signed: 3), "Ready.");
        var crashed = host.StartProcess();
        var store = crashed.GetRequiredService<DeliveryStore>();
        await store.FanOutAsync(_ => [new Route(NotificationChannel.Webhook, "")], 10, host.Clock.GetUtcNow(), CancellationToken.None);
        var options = crashed.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>().Value;
        var claimed = await store.ClaimNextAsync(NotificationChannel.Webhook, host.Clock.GetUtcNow(), options.Lease, CancellationToken.None);
        Assert.NotNull(claimed); // ...and the process dies before the outcome is recorded
        await crashed.DisposeAsync();

        var restarted = host.StartProcess().GetRequiredService<NotificationDispatcher>();
        Assert.Equal(0, (await restarted.RunAsync(CancellationToken.None)).Delivered); // still leased
        Assert.Empty(receiver.Requests);
        host.Clock.Advance(options.Lease);
        Assert.Equal(1, (await restarted.RunAsync(CancellationToken.None)).Delivered);

        Assert.Equal(claimed!.Id, Assert.Single(receiver.Requests).Header("X-OssFunding-Delivery"));
        var delivery = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Delivered, 2), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_delay_ledger_writes_and_its_delivery_times_out_for_a_retry()
    {
        await using var host = await StartAsync();
        receiver.Answer = _ => null;
        await host.WriteNoticeAsync(NoticeKind.TxPending, SampleNotices.Transaction(), "Drafted.");

        var running = host.Dispatcher.RunAsync(CancellationToken.None);
        await receiver.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // While the send hangs, the pipeline keeps committing state changes and their notices (SQLite: BEGIN IMMEDIATE).
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await host.WriteNoticeAsync(NoticeKind.TxConfirmed, SampleNotices.Transaction(signed: 3), $"Confirmed {i}.");
        }

        watch.Stop();
        Assert.False(running.IsCompleted);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"ledger writes took {watch.Elapsed} while a delivery hung");

        var run = await running; // RequestTimeout (2 s) ends the attempt
        Assert.Equal((0, 1), (run.Delivered, run.Retrying));
        var pending = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Pending, pending.Status);
        Assert.Contains("no answer within", pending.LastError, StringComparison.Ordinal);
        Assert.Equal(6, await host.CountAsync("SELECT COUNT(*) FROM notices"));
    }

    [Fact]
    public async Task A_delivery_whose_channel_was_turned_off_before_it_went_out_is_dead_with_the_reason()
    {
        await using var host = await StartAsync();
        await host.WriteNoticeAsync(NoticeKind.TxPending, SampleNotices.Transaction(), "Drafted.");
        var store = host.Services.GetRequiredService<DeliveryStore>();
        await store.FanOutAsync(_ => [new Route(NotificationChannel.Slack, "")], 10, host.Clock.GetUtcNow(), CancellationToken.None);

        var run = await host.Dispatcher.RunAsync(CancellationToken.None); // Slack is not configured in this host

        Assert.Equal(1, run.Dead);
        var dead = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal((NotificationChannel.Slack, DeliveryStatus.Dead), (dead.Channel, dead.Status));
        Assert.Equal("Slack has no shared destination configured any more", dead.LastError);
    }
}
