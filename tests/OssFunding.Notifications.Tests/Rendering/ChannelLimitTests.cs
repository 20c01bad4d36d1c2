using System.Text.Json.Nodes;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Tests.Rendering;

/// <summary>Large batches fit each channel's limits by listing fewer payments and saying how many more, never by cutting a line.</summary>
public sealed class ChannelLimitTests
{
    private static readonly NoticeDocument Big = Documents.ForTransaction(NoticeKind.TxPending, SampleNotices.Transaction(payments: 200), "Safe tx #7 drafted.");

    [Fact]
    public void Slack_sections_stay_within_3000_characters_and_end_with_how_many_payments_are_left_out()
    {
        var blocks = SlackMessage.Render(Big, Documents.Signers)["blocks"]!.AsArray();
        var payments = blocks[2]!["text"]!["text"]!.GetValue<string>();

        Assert.InRange(payments.Length, 2000, SlackMessage.SectionLimit);
        AssertWholeLines(payments, "• ", "`");
        Assert.Matches(@"\n… and \d+ more payments\n\*Totals:\* ", payments);
        Assert.Equal(200, Listed(payments) + Hidden(payments));
    }

    [Fact]
    public void Discord_description_stays_within_4096_characters_with_whole_payment_lines()
    {
        var embed = DiscordMessage.Render(Big, Documents.Signers)["embeds"]![0]!;
        var description = embed["description"]!.GetValue<string>();

        Assert.InRange(description.Length, 3000, DiscordMessage.DescriptionLimit);
        AssertWholeLines(description, "• ", "`");
        Assert.Equal(200, Listed(description) + Hidden(description));
    }

    [Fact]
    public void Telegram_text_stays_within_4096_characters_keeps_every_tag_closed_and_the_links()
    {
        var text = TelegramMessage.Text(Big, Documents.Signers);

        Assert.InRange(text.Length, 3000, TelegramMessage.TextLimit);
        AssertWholeLines(text, "• ", "</code>");
        Assert.Equal(200, Listed(text) + Hidden(text));
        Assert.Equal(text.Split("<code>").Length, text.Split("</code>").Length);
        Assert.Contains(">Sign in Safe{Wallet}</a>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_lists_every_payment()
    {
        var email = EmailMessage.Render(Big, Documents.Signers, "Bob");

        Assert.Equal(200, Listed(email.Text));
        Assert.Equal(201, email.Html.Split("<tr><td>").Length);
    }

    [Fact]
    public void A_small_batch_is_listed_whole_everywhere()
    {
        var small = Documents.ForTransaction(NoticeKind.TxConfirmed, SampleNotices.Transaction(signed: 3), "Confirmed.");

        Assert.Equal(5, Listed(TelegramMessage.Text(small, Documents.Signers)));
        Assert.Equal(5, Listed(SlackMessage.Render(small, Documents.Signers)["blocks"]![2]!["text"]!["text"]!.GetValue<string>()));
        Assert.DoesNotContain("more payment", DiscordMessage.Render(small, Documents.Signers).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fitting_keeps_the_most_payments_that_fit()
    {
        string Render(int shown) => string.Concat(Enumerable.Repeat("payment\n", shown)) + (shown < 10 ? NoticeText.More(10 - shown) : "");

        Assert.Equal(Render(10), NoticeText.FitPayments(10, 80, Render));
        var fitted = NoticeText.FitPayments(10, 50, Render);
        Assert.Equal(Render(3), fitted); // 24 + 25 characters; four would be 56
        Assert.True(Render(4).Length > 50);
    }

    private static void AssertWholeLines(string text, string start, string end) =>
        Assert.All(text.Split('\n').Where(line => line.StartsWith(start, StringComparison.Ordinal)),
            line => Assert.EndsWith(end, line, StringComparison.Ordinal));

    private static int Listed(string text) => text.Split('\n').Count(line => line.StartsWith("• ", StringComparison.Ordinal));

    private static int Hidden(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"… and (\d+) more payment");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public void Missing_owners_are_named_from_the_signer_list_and_the_typed_data_stays_out_of_chat_text()
    {
        var document = Documents.ForTransaction(NoticeKind.Reminder, SampleNotices.Transaction(signed: 2), "Reminder 1 of 7.");

        Assert.Contains(document.Facts, fact => fact is { Label: "Signatures", Value: "2/3 by Alice, Bob" });
        Assert.Contains(document.Facts, fact => fact is { Label: "Missing", Value: "Carol, Dave, Erin" });
        Assert.DoesNotContain("primaryType", TelegramMessage.Text(document, Documents.Signers), StringComparison.Ordinal);
        Assert.Equal("SafeTx", PrimaryType(document));
    }

    private static string PrimaryType(NoticeDocument document) => document.Notice.Payload["typedData"]!["primaryType"]!.GetValue<string>();
}
