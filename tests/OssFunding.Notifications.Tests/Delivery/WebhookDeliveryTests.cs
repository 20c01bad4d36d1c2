using OssFunding.TestSupport.Receivers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Tests.Delivery;

/// <summary>The generic webhook over real HTTP on loopback: signed body, retries with the same delivery id, dead letters.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests";
    private LoopbackReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private Task<NotificationsTestHost> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Notifications:Webhook:Url"] = receiver.BaseUrl + "/hook", ["Notifications:Webhook:Secret"] = Secret };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return NotificationsTestHost.StartAsync(settings);
    }

    [Fact]
    public async Task The_webhook_gets_the_notice_with_typed_data_event_delivery_id_and_a_valid_HMAC_of_the_raw_body()
    {
        await using var host = await StartAsync();
        await host.WriteNoticeAsync(NoticeKind.TxPending, SampleNotices.Transaction(), "Safe tx #7 drafted: 5 payments await signatures.");

        var run = await host.Dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 1, 0, 0), (run.NoticesFannedOut, run.DeliveriesCreated, run.Delivered, run.Retrying, run.Dead));
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/hook", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("TxPending", request.Header("X-OssFunding-Event"));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        Assert.Equal(expected, request.Header("X-OssFunding-Signature"));
        var body = JsonNode.Parse(request.Text)!.AsObject();
        var delivery = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal(delivery.Id, request.Header("X-OssFunding-Delivery"));
        Assert.Equal(delivery.Id, body["deliveryId"]!.GetValue<string>());
        Assert.Equal((DeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts));
        var notice = body["notice"]!.AsObject();
        Assert.Equal("SafeTx", notice["typedData"]!["primaryType"]!.GetValue<string>());
        Assert.Equal(SampleNotices.SafeTxHash, notice["safeTxHash"]!.GetValue<string>());
        Assert.Equal(5, notice["payments"]!.AsArray().Count);
        Assert.Equal("1/3", notice["signatures"]!.GetValue<string>());
        Assert.Contains(body["links"]!.AsArray(), link => link!["url"]!.GetValue<string>() ==
            $"https://app.safe.global/transactions/tx?safe=arb1:{SampleNotices.Transaction().Safe}&id=multisig_{SampleNotices.Transaction().Safe}_{SampleNotices.SafeTxHash}");
        Assert.Contains(body["links"]!.AsArray(), link => link!["url"]!.GetValue<string>() ==
            $"https://funding.example.org/api/transactions/{SampleNotices.SafeTxHash}");

        // A second run has nothing to do: the notice was fanned out once and delivered once.
        Assert.Equal((0, 0, 0), Summary(await host.Dispatcher.RunAsync(CancellationToken.None)));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_receiver_failing_five_times_gets_the_notice_exactly_once_by_delivery_id_on_an_exponential_schedule()
    {
        await using var host = await StartAsync();
        receiver.Answer = request => request.Number <= 5 ? 500 : 200;
        await host.WriteNoticeAsync(NoticeKind.ReadyToExecute, SampleNotices.Transaction(signed: 3), "Threshold reached.");

        var first = await host.Dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal((0, 1, 0), Summary(first));
        for (var failures = 1; failures <= 5; failures++)
        {
            var delivery = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
            Assert.Equal((DeliveryStatus.Pending, failures), (delivery.Status, delivery.Attempts));
            Assert.StartsWith("HTTP 500", delivery.LastError, StringComparison.Ordinal);
            var wait = delivery.NextAttemptAt - host.Clock.GetUtcNow();
            var nominal = TimeSpan.FromSeconds(30 * Math.Pow(2, failures - 1));
            Assert.InRange(wait, nominal * (1 - RetrySchedule.Jitter), nominal * (1 + RetrySchedule.Jitter));

            // Not due yet: a run now sends nothing.
            host.Clock.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal((0, 0, 0), Summary(await host.Dispatcher.RunAsync(CancellationToken.None)));
            Assert.Equal(failures, receiver.Requests.Count);

            host.Clock.Advance(TimeSpan.FromSeconds(1));
            var run = await host.Dispatcher.RunAsync(CancellationToken.None);
            Assert.Equal(failures == 5 ? (1, 0, 0) : (0, 1, 0), Summary(run));
        }

        Assert.Equal(6, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Header("X-OssFunding-Delivery")).Distinct());
        Assert.Single(receiver.Requests.Select(r => r.Text).Distinct()); // the same bytes every time
        var delivered = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Delivered, 6, null), (delivered.Status, delivered.Attempts, delivered.LastError));

        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 0, 0), Summary(await host.Dispatcher.RunAsync(CancellationToken.None)));
        Assert.Equal(6, receiver.Requests.Count);
        var health = Assert.Single(await host.Services.GetRequiredServiceOf<ChannelHealth>().ListAsync(CancellationToken.None));
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.NotNull(health.LastFailureAt);
        Assert.NotNull(health.LastSuccessAt);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_dead_after_MaxAttempts_and_counted_in_the_metrics()
    {
        await using var host = await StartAsync(("Notifications:Delivery:MaxAttempts", "3"));
        receiver.Answer = _ => 503;
        var deadBefore = await Metrics.ValueAsync("ossfunding_notices_total", "channel=\"Webhook\",result=\"dead\"");
        await host.WriteAlertAsync(NoticeKind.LowBalance, "Held for lack of Safe balance: 1 LPT payment(s) need 400 LPT.",
            new Dictionary<string, JsonNode?> { ["token"] = "LPT" });

        await host.Dispatcher.RunAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.Dispatcher.RunAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var last = await host.Dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((0, 0, 1), Summary(last));
        var dead = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Dead, 3), (dead.Status, dead.Attempts));
        Assert.StartsWith("HTTP 503", dead.LastError, StringComparison.Ordinal);
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.Dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(deadBefore + 1, await Metrics.ValueAsync("ossfunding_notices_total", "channel=\"Webhook\",result=\"dead\""));
        var health = Assert.Single(await host.Services.GetRequiredServiceOf<ChannelHealth>().ListAsync(CancellationToken.None));
        Assert.Equal(3, health.ConsecutiveFailures);
        Assert.Equal(3, await Metrics.ValueAsync("ossfunding_notice_channel_consecutive_failures", "channel=\"Webhook\""));
    }

    [Fact]
    public async Task A_request_the_receiver_refuses_is_dead_at_once_and_the_secret_never_reaches_the_error()
    {
        await using var host = await StartAsync();
        receiver.Answer = _ => 400;
        await host.WriteNoticeAsync(NoticeKind.TxFailed, SampleNotices.Transaction(status: Pipeline.Transactions.TransactionStatus.Failed), "ExecutionFailure.");

        var run = await host.Dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((0, 0, 1), Summary(run));
        var dead = Assert.Single(await host.Deliveries.ListAsync(null, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Dead, 1), (dead.Status, dead.Attempts));
        Assert.DoesNotContain(Secret, dead.LastError, StringComparison.Ordinal);
    }

    private static (int Delivered, int Retrying, int Dead) Summary(DispatchRun run) => (run.Delivered, run.Retrying, run.Dead);
}
