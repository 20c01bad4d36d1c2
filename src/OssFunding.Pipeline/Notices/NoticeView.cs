using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OssFunding.Pipeline.Notices;

/// <summary>
/// A notice from the outbox, for <c>GET /api/alerts</c>. <see cref="Payload"/> is the JSON the channels deliver;
/// <see cref="Sequence"/> orders notices (a delivery cursor can use it).
/// </summary>
public sealed record NoticeView(
    string Id,
    long Sequence,
    [property: JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))] NoticeKind Kind,
    bool IsAlert,
    string? SafeTxHash,
    DateTimeOffset CreatedAt,
    JsonObject Payload);
