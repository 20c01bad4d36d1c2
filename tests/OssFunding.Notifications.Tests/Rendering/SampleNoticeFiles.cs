using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OssFunding.Notifications.Channels;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;
using OssFunding.TestSupport;

namespace OssFunding.Notifications.Tests.Rendering;

/// <summary>
/// docs/notices/ holds one rendered notice per channel, from a realistic pending transaction, so an operator sees what
/// signers get. This test renders them again and fails when the committed files differ; run it with
/// <c>OSSFUNDING_WRITE_SAMPLES=1</c> to rewrite them.
/// </summary>
public sealed class SampleNoticeFiles
{
    public const string DeliveryId = "3f6c1a52-8f0e-4c1b-9a57-2d4b8e0c7d11";
    public const string ExampleSecret = "example-webhook-secret";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void The_committed_samples_are_what_the_channels_render()
    {
        var document = Documents.ForTransaction(NoticeKind.TxPending, SampleNotices.Transaction(signed: 1),
            "Safe tx #7 drafted: 5 payments (791.333333333333333333 LPT, 1500.25 USDC) await 3 signatures.");
        var email = EmailMessage.Render(document, Documents.Signers, "Bob");
        var webhookBody = WebhookBody.Bytes(WebhookBody.Render(document, DeliveryId));
        var files = new Dictionary<string, string>
        {
            ["webhook.http"] = $"POST /your/webhook HTTP/1.1\nContent-Type: application/json; charset=utf-8\n" +
                $"{WebhookChannel.EventHeader}: {document.Kind}\n{WebhookChannel.DeliveryHeader}: {DeliveryId}\n" +
                $"{WebhookChannel.SignatureHeader}: {WebhookChannel.Sign(ExampleSecret, webhookBody)}\n\n{Encoding.UTF8.GetString(webhookBody)}\n",
            ["webhook.json"] = Pretty(JsonNode.Parse(webhookBody)!),
            ["slack.json"] = Pretty(SlackMessage.Render(document, Documents.Signers)),
            ["discord.json"] = Pretty(DiscordMessage.Render(document, Documents.Signers)),
            ["telegram.json"] = Pretty(TelegramMessage.Render(document, Documents.Signers, "-1001234567890")),
            ["telegram.html"] = TelegramMessage.Text(document, Documents.Signers) + "\n",
            ["email.txt"] = $"To: Bob <bob@example.org>\nSubject: {email.Subject}\n\n{email.Text}",
            ["email.html"] = email.Html,
        };

        var folder = RepositoryRoot.File("docs", "notices");
        var write = Environment.GetEnvironmentVariable("OSSFUNDING_WRITE_SAMPLES") == "1";
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            if (write)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, content);
            }

            Assert.True(File.Exists(path), $"{path} is missing; run this test with OSSFUNDING_WRITE_SAMPLES=1");
            Assert.Equal(content, File.ReadAllText(path));
        }
    }

    private static string Pretty(JsonNode node) => node.ToJsonString(Indented) + "\n";
}
