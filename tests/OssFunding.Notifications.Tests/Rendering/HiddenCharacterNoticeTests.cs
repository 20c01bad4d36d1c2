using System.Text.Json.Nodes;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Notifications.Tests.Rendering;

/// <summary>
/// SPEC §14: text that reaches a notice without an import's check (a token symbol from the chain, a Transaction Service
/// field, an alert detail) is shown with its hidden characters escaped on every channel, and a link that is not
/// http(s) is dropped.
/// </summary>
public sealed class HiddenCharacterNoticeTests
{
    private const string Rlo = "\u202E";
    private const string ZeroWidth = "\u200B";

    [Fact]
    public void Every_channel_shows_a_right_to_left_override_and_a_zero_width_space_escaped()
    {
        var document = HostileDocument();

        var rendered = new Dictionary<string, string>
        {
            ["slack"] = Strings(SlackMessage.Render(document, Documents.Signers)),
            ["discord"] = Strings(DiscordMessage.Render(document, Documents.Signers)),
            ["telegram"] = Strings(TelegramMessage.Render(document, Documents.Signers, "-100123")),
            ["email text"] = EmailMessage.Render(document, Documents.Signers, "Alice").Text,
            ["email html"] = EmailMessage.Render(document, Documents.Signers, "Alice").Html,
            ["webhook title"] = Strings(WebhookBody.Render(document, "delivery-1")["title"]!),
        };

        Assert.All(rendered, channel =>
        {
            Assert.False(channel.Value.Contains(Rlo, StringComparison.Ordinal), $"{channel.Key} shows a raw U+202E: {channel.Value}");
            Assert.False(channel.Value.Contains(ZeroWidth, StringComparison.Ordinal), $"{channel.Key} shows a raw U+200B");
        });
        foreach (var channel in new[] { "slack", "discord", "telegram", "email text", "email html" })
        {
            Assert.Contains("gnp.exe", rendered[channel], StringComparison.Ordinal);
            Assert.Contains("u202E", rendered[channel], StringComparison.Ordinal);
            Assert.Contains("u200B", rendered[channel], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_document_every_channel_renders_holds_the_escaped_text()
    {
        var document = HostileDocument();

        Assert.Equal(@"Safe\u202Egnp.exe", document.Payments[0].Project);
        Assert.Equal(@"LP\u200BT", document.Payments[0].Token);
        Assert.Contains(@"summary \u202Ereversed", document.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_that_is_not_http_is_not_offered()
    {
        var payload = new JsonObject
        {
            ["summary"] = "Unplanned outflow",
            ["links"] = new JsonObject { ["explorerSafe"] = "javascript:alert(1)", ["explorerTx"] = "https://arbiscan.io/tx/0x1" },
        };

        var document = Documents.Build(new NoticeRecord("n1", 1, NoticeKind.UnplannedOutflow, null, Documents.CreatedAt, payload));

        Assert.Equal(["https://arbiscan.io/tx/0x1"], document.Links.Select(link => link.Url));
    }

    private static NoticeDocument HostileDocument()
    {
        var view = SampleNotices.Transaction(payments: 2);
        var payments = view.Payments.ToList();
        payments[0] = payments[0] with { Project = $"Safe{Rlo}gnp.exe", Token = $"LP{ZeroWidth}T" };
        return Documents.ForTransaction(NoticeKind.TxPending, view with { Payments = payments }, $"summary {Rlo}reversed");
    }

    private static string Strings(JsonNode node) => node switch
    {
        JsonObject obj => string.Join("\n", obj.Select(pair => pair.Value is null ? "" : Strings(pair.Value))),
        JsonArray array => string.Join("\n", array.Select(item => item is null ? "" : Strings(item))),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
