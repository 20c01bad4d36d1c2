using System.Text.Json.Nodes;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Rendering;

/// <summary>A notice as read from the outbox (<c>notices</c>).</summary>
public sealed record NoticeRecord(string Id, long Sequence, NoticeKind Kind, string? SafeTxHash, DateTimeOffset CreatedAt, JsonObject Payload);

/// <summary>
/// What every channel shows of a notice (SPEC §9), independent of markup: title, summary, facts (Safe, nonce,
/// safeTxHash, signatures x/threshold, who is missing), payments, totals per token and links. Channels format it and
/// fit it to their limits.
/// </summary>
public sealed record NoticeDocument(
    NoticeRecord Notice,
    string Title,
    string Summary,
    IReadOnlyList<NoticeFact> Facts,
    IReadOnlyList<NoticePayment> Payments,
    IReadOnlyList<NoticeTotal> Totals,
    IReadOnlyList<string> MissingOwners,
    IReadOnlyList<NoticeLink> Links)
{
    public NoticeKind Kind => Notice.Kind;

    public bool IsAlert => NoticeKinds.IsAlert(Notice.Kind);

    /// <summary>"Your signature is needed": goes only to owners who have not signed.</summary>
    public bool SignatureNeeded => IsSignatureRequest(Notice.Kind);

    public static bool IsSignatureRequest(NoticeKind kind) => kind is NoticeKind.TxPending or NoticeKind.Reminder;
}

/// <param name="Code">A hash or address: shown in a fixed-width font so a signer can compare it with the wallet.</param>
public sealed record NoticeFact(string Label, string Value, bool Code);

public sealed record NoticePayment(string Project, string Recipient, string Amount, string Token);

public sealed record NoticeTotal(string Token, string Amount);

public sealed record NoticeLink(string Label, string Url);
