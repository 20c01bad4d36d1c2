using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Links;
using OssFunding.Core.Text;
using OssFunding.Notifications.Signers;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Rendering;

/// <summary>
/// Reads a notice payload (written by the pipeline's NoticePayloads) into a <see cref="NoticeDocument"/>. Every text is
/// read through <see cref="DisplayText.Escape"/> here, so every channel (Slack, Discord, Telegram, email, the webhook's
/// title) shows hidden characters from the chain or the Transaction Service as <c>\u202E</c> (SPEC §14); links are
/// kept only when <see cref="ExternalLink.Clickable"/> allows them.
/// </summary>
public sealed class NoticeDocumentBuilder(SignerDirectory signers, IOptions<NotificationsOptions> options)
{
    private const int MaxFactLength = 300;
    private const int MaxSummaryLength = 1000;

    // Shown by the transaction facts and lists, or not meant for people (typed data is for wallets and webhooks).
    private static readonly HashSet<string> StructuredKeys =
    [
        "kind", "summary", "chainId", "safe", "nonce", "safeTxHash", "status", "statusReason", "payments", "totals", "signatures",
        "signedBy", "missingOwners", "executionTxHash", "blockNumber", "typedData", "links", "explorerTx",
    ];

    public NoticeDocument Build(NoticeRecord notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var payload = notice.Payload;
        var nonce = payload["nonce"] is JsonValue n ? n.GetValue<long>() : (long?)null;
        var signatures = Text(payload, "signatures");
        var missing = Strings(payload["missingOwners"]);
        return new NoticeDocument(
            notice,
            NoticeTitles.For(notice.Kind, nonce, signatures),
            Clip(Text(payload, "summary") ?? notice.Kind.ToString(), MaxSummaryLength),
            Facts(payload, nonce, signatures, missing),
            Payments(payload),
            Totals(payload),
            missing,
            Links(payload, notice.Kind));
    }

    private List<NoticeFact> Facts(JsonObject payload, long? nonce, string? signatures, List<string> missing)
    {
        var facts = new List<NoticeFact>();
        AddIfPresent(facts, "Safe", Text(payload, "safe"), code: true);
        if (nonce is { } value)
        {
            facts.Add(new NoticeFact("Nonce", value.ToString(CultureInfo.InvariantCulture), false));
        }

        AddIfPresent(facts, "safeTxHash (your wallet shows it)", Text(payload, "safeTxHash"), code: true);
        if (signatures is not null)
        {
            var signedBy = Strings(payload["signedBy"]);
            var who = signedBy.Count == 0 ? "" : " by " + string.Join(", ", signedBy.Select(signers.ShortName));
            facts.Add(new NoticeFact("Signatures", signatures + who, false));
            facts.Add(new NoticeFact("Missing", missing.Count == 0 ? "nobody" : string.Join(", ", missing.Select(signers.ShortName)), false));
        }

        AddIfPresent(facts, "Execution tx", Text(payload, "executionTxHash"), code: true);
        AddIfPresent(facts, "Block", Text(payload, "blockNumber"), code: false);
        foreach (var (key, node) in payload.Where(pair => !StructuredKeys.Contains(pair.Key) && pair.Value is not null))
        {
            AddDetail(facts, key, node!);
        }

        return facts;
    }

    // Alert details: scalars as they are, arrays joined, objects one level deep (e.g. held.needed).
    private static void AddDetail(List<NoticeFact> facts, string key, JsonNode node)
    {
        switch (node)
        {
            case JsonObject inner:
                foreach (var (innerKey, innerNode) in inner.Where(pair => pair.Value is JsonValue or JsonArray))
                {
                    AddDetail(facts, $"{key}.{innerKey}", innerNode!);
                }

                break;
            case JsonArray array:
                facts.Add(new NoticeFact(DisplayText.Escape(key), Clip(DisplayText.Escape(string.Join(", ", array.Select(item => item?.ToString() ?? "")))), false));
                break;
            default:
                var text = DisplayText.Escape(node.ToString());
                facts.Add(new NoticeFact(DisplayText.Escape(key), Clip(text), text.StartsWith("0x", StringComparison.Ordinal)));
                break;
        }
    }

    private List<NoticeLink> Links(JsonObject payload, NoticeKind kind)
    {
        var links = new List<NoticeLink>();
        var fromPipeline = payload["links"] as JsonObject;
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        AddLink(links, "Sign in Safe{Wallet}", Text(fromPipeline, "safeWallet"));
        // A bare path cannot be opened from a mail or chat: the signer page is linked only at a known public address.
        if (baseUrl.Length > 0 && Text(fromPipeline, "signerPage") is { } signerPage)
        {
            links.Add(new NoticeLink(NoticeDocument.IsSignatureRequest(kind) ? "Sign on the signer page" : "Signer page", baseUrl + signerPage));
        }

        if (Text(fromPipeline, "api") is { } apiPath)
        {
            links.Add(new NoticeLink("Worker API", baseUrl.Length == 0 ? apiPath : baseUrl + apiPath));
        }

        AddLink(links, "Execution on the explorer", Text(fromPipeline, "explorerTx") ?? Text(payload, "explorerTx"));
        AddLink(links, "Safe on the explorer", Text(fromPipeline, "explorerSafe"));
        return links;
    }

    private static List<NoticePayment> Payments(JsonObject payload) =>
        (payload["payments"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => new NoticePayment(Text(p, "project") ?? "", Text(p, "recipient") ?? "", Text(p, "amount") ?? "", Text(p, "token") ?? ""))
            .ToList();

    private static List<NoticeTotal> Totals(JsonObject payload) =>
        (payload["totals"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(t => new NoticeTotal(Text(t, "token") ?? "", Text(t, "amount") ?? ""))
            .ToList();

    private static void AddIfPresent(List<NoticeFact> facts, string label, string? value, bool code)
    {
        if (!string.IsNullOrEmpty(value))
        {
            facts.Add(new NoticeFact(label, value, code));
        }
    }

    private static void AddLink(List<NoticeLink> links, string label, string? url)
    {
        if (ExternalLink.Clickable(url) is not null)
        {
            links.Add(new NoticeLink(label, url!));
        }
    }

    private static string? Text(JsonObject? obj, string key) => obj?[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => DisplayText.Escape(value.GetValue<string>()),
        JsonNode other => other.ToJsonString(),
    };

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(item => item?.ToString()).OfType<string>().Select(DisplayText.Escape).ToList();

    private static string Clip(string text, int limit = MaxFactLength) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
