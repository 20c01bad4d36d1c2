using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OssFunding.Notifications.Rendering;

/// <summary>
/// The generic webhook body: the notice as the outbox holds it (with the typed data owners sign) plus the delivery id.
/// It is the same bytes on every retry of a delivery, so a receiver can dedupe by id and check the signature.
/// </summary>
internal static class WebhookBody
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static JsonObject Render(NoticeDocument document, string deliveryId) => new()
    {
        ["deliveryId"] = deliveryId,
        ["event"] = document.Kind.ToString(),
        ["noticeId"] = document.Notice.Id,
        ["createdAt"] = document.Notice.CreatedAt.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        ["isAlert"] = document.IsAlert,
        ["title"] = document.Title,
        ["links"] = new JsonArray(document.Links.Select(link => (JsonNode)new JsonObject { ["label"] = link.Label, ["url"] = link.Url }).ToArray()),
        ["notice"] = document.Notice.Payload.DeepClone(),
    };

    public static byte[] Bytes(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString(Compact));
}
