using System.Text.Json.Nodes;

namespace OssFunding.Pipeline.Notices;

/// <summary>A notice from the outbox, for <c>GET /api/alerts</c>. <see cref="Payload"/> is the JSON the channels deliver.</summary>
public sealed record NoticeView(string Id, NoticeKind Kind, bool IsAlert, string? SafeTxHash, DateTimeOffset CreatedAt, JsonObject Payload);
