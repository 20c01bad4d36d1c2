using OssFunding.TestSupport.Receivers;
using System.Text.Json.Nodes;
using MimeKit;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Tests.Channels;

/// <summary>
/// Every channel at once, each to a real loopback endpoint shaped like the service (Slack and Discord webhooks, the
/// Telegram Bot API, an SMTP server): bodies are well formed, within limits, and routed to the right people.
/// </summary>
public sealed class ChannelShapeTests : IAsyncLifetime
{
    private const string BotToken = "123456:telegram-token-for-tests";
    private LoopbackReceiver receiver = null!;
    private SmtpSink smtp = null!;

    public async Task InitializeAsync()
    {
        receiver = await LoopbackReceiver.StartAsync();
        smtp = SmtpSink.Start();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private Task<NotificationsTestHost> StartAsync() => NotificationsTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Notifications:Webhook:Url"] = receiver.BaseUrl + "/hook",
        ["Notifications:Webhook:Secret"] = "shape-secret",
        ["Notifications:Slack:WebhookUrl"] = receiver.BaseUrl + "/slack/T000/B000/XXXX",
        ["Notifications:Discord:WebhookUrl"] = receiver.BaseUrl + "/discord/api/webhooks/1/abc",
        ["Notifications:Telegram:BotToken"] = BotToken,
        ["Notifications:Telegram:ChatId"] = "-100500",
        ["Notifications:Telegram:ApiBaseUrl"] = receiver.BaseUrl + "/telegram",
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:UseTls"] = "false",
        ["Notifications:Email:From"] = "OssFunding worker <worker@example.org>",
    });

    private IEnumerable<ReceivedRequest> At(string prefix) => receiver.Requests.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task A_signature_request_reaches_every_channel_and_only_the_owners_who_have_not_signed_directly()
    {
        await using var host = await StartAsync();
        await host.WriteNoticeAsync(NoticeKind.TxPending, SampleNotices.Transaction(signed: 1), "Safe tx #7 drafted: 5 payments await signatures.");

        var run = await host.Dispatcher.RunAsync(CancellationToken.None);

        // Shared: webhook, Slack, Discord, Telegram group. Direct: Bob's Telegram chat (Alice signed), email to Bob..Erin.
        Assert.Equal((9, 9, 0), (run.DeliveriesCreated, run.Delivered, run.Retrying));
        Assert.Single(At("/hook"));
        AssertSlack(Assert.Single(At("/slack/")), mentions: ["U0CAROL03"], notMentioned: "U0ALICE01");
        AssertDiscord(Assert.Single(At("/discord/")));
        var telegram = At("/telegram/").ToList();
        Assert.All(telegram, request => Assert.Equal($"/telegram/bot{BotToken}/sendMessage", request.Path));
        Assert.Equal(["-100500", "1002"], telegram.Select(r => JsonNode.Parse(r.Text)!["chat_id"]!.GetValue<string>()).Order());
        AssertTelegram(telegram[0]);
        var emails = smtp.Messages;
        Assert.Equal(["bob@example.org", "carol@example.org", "dave@example.org", "erin@example.org"],
            emails.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order());
        AssertEmail(emails[0]);
    }

    [Fact]
    public async Task An_alert_goes_to_every_channel_and_every_signer()
    {
        await using var host = await StartAsync();
        await host.WriteAlertAsync(NoticeKind.UnplannedOutflow, "Unplanned outflow: 50 LPT left the Safe to 0x1111111111111111111111111111111111111111.",
            new Dictionary<string, JsonNode?> { ["txHash"] = "0x" + new string('b', 64), ["explorerTx"] = "https://arbiscan.io/tx/0x" + new string('b', 64) });

        var run = await host.Dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((11, 11), (run.DeliveriesCreated, run.Delivered)); // 4 shared + Telegram to Alice and Bob + 5 emails
        Assert.Equal(5, smtp.Messages.Count);
        Assert.Equal(["-100500", "1001", "1002"], At("/telegram/").Select(r => JsonNode.Parse(r.Text)!["chat_id"]!.GetValue<string>()).Order());
        var slack = JsonNode.Parse(Assert.Single(At("/slack/")).Text)!;
        Assert.Contains("Alert: unplanned outflow", slack["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("UnplannedOutflow", Assert.Single(At("/hook")).Header("X-OssFunding-Event"));
    }

    private static void AssertSlack(ReceivedRequest request, string[] mentions, string notMentioned)
    {
        var body = JsonNode.Parse(request.Text)!.AsObject();
        Assert.False(string.IsNullOrEmpty(body["text"]!.GetValue<string>()));
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.InRange(blocks[0]!["text"]!["text"]!.GetValue<string>().Length, 1, 150);
        var sections = blocks.Skip(1).Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        Assert.All(blocks.Skip(1), b => Assert.Equal("mrkdwn", b!["text"]!["type"]!.GetValue<string>()));
        Assert.All(sections, text => Assert.InRange(text.Length, 1, 3000));
        var all = string.Join("\n", sections);
        Assert.All(mentions, id => Assert.Contains($"<@{id}>", all, StringComparison.Ordinal));
        Assert.DoesNotContain(notMentioned, all, StringComparison.Ordinal);
        Assert.Contains("StreamDiffusion &lt;beta&gt; &amp; co", all, StringComparison.Ordinal);
        Assert.Contains($"`{SampleNotices.SafeTxHash}`", all, StringComparison.Ordinal);
        Assert.Contains("*Totals:* 791.333333333333333333 LPT, 1500.25 USDC", all, StringComparison.Ordinal);
        Assert.Contains("|Sign in Safe{Wallet}>", all, StringComparison.Ordinal);
    }

    private static void AssertDiscord(ReceivedRequest request)
    {
        var body = JsonNode.Parse(request.Text)!.AsObject();
        Assert.InRange(body["content"]!.GetValue<string>().Length, 1, 2000);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        var embed = Assert.Single(body["embeds"]!.AsArray())!.AsObject();
        var title = embed["title"]!.GetValue<string>();
        var description = embed["description"]!.GetValue<string>();
        var fields = embed["fields"]!.AsArray();
        Assert.InRange(title.Length, 1, 256);
        Assert.InRange(description.Length, 1, 4096);
        Assert.All(fields, f => Assert.InRange(f!["value"]!.GetValue<string>().Length, 1, 1024));
        Assert.True(title.Length + description.Length + fields.Sum(f => f!["name"]!.GetValue<string>().Length + f["value"]!.GetValue<string>().Length) <= 6000);
        Assert.Contains(SampleNotices.SafeTxHash, description, StringComparison.Ordinal);
        Assert.Contains("StreamDiffusion \\<beta\\> & co", description, StringComparison.Ordinal);
        Assert.StartsWith("https://app.safe.global/transactions/tx?safe=arb1:", embed["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static void AssertTelegram(ReceivedRequest request)
    {
        var body = JsonNode.Parse(request.Text)!.AsObject();
        Assert.Equal("HTML", body["parse_mode"]!.GetValue<string>());
        var text = body["text"]!.GetValue<string>();
        Assert.InRange(text.Length, 1, 4096);
        Assert.Contains("StreamDiffusion &lt;beta&gt; &amp; co", text, StringComparison.Ordinal);
        Assert.Contains($"<code>{SampleNotices.SafeTxHash}</code>", text, StringComparison.Ordinal);
        Assert.Contains("Waiting for: Bob, Carol, Dave, Erin", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://app.safe.global/transactions/tx?safe=arb1:", text, StringComparison.Ordinal);
        Assert.Equal(Count(text, "<b>"), Count(text, "</b>"));
        Assert.Equal(Count(text, "<code>"), Count(text, "</code>"));
    }

    private static void AssertEmail(MimeMessage message)
    {
        Assert.StartsWith("[OssFunding] Signature needed: Safe tx #7", message.Subject, StringComparison.Ordinal);
        Assert.EndsWith("@ossfunding.notices", message.MessageId, StringComparison.Ordinal);
        Assert.Equal("TxPending", message.Headers["X-OssFunding-Event"]);
        Assert.Contains("your signature is needed", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("StreamDiffusion <beta> & co: 120 LPT", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(SampleNotices.SafeTxHash, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("StreamDiffusion &lt;beta&gt; &amp; co", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<td align=\"right\">1500.25</td>", message.HtmlBody, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
