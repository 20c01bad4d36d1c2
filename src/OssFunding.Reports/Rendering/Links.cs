using OssFunding.Core.Links;

namespace OssFunding.Reports.Rendering;

/// <summary>Which texts may become links: what <see cref="ExternalLink.Clickable"/> allows, so a ledger value can never inject a script link.</summary>
internal static class Links
{
    public static string? Safe(string? candidate) => ExternalLink.Clickable(candidate)?.AbsoluteUri;

    /// <summary>"0x12345678…9abcdef0": long hashes shortened for reading; the link and the JSON/CSV keep them whole.</summary>
    public static string Short(string hash) => hash.Length > 20 ? $"{hash[..10]}…{hash[^8..]}" : hash;
}
