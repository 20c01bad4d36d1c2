namespace OssFunding.Reports.Rendering;

/// <summary>Which texts may become links: absolute http(s) URLs only, so a ledger value can never inject a script link.</summary>
internal static class Links
{
    public static string? Safe(string? candidate) =>
        candidate is not null
        && Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    /// <summary>"0x12345678…9abcdef0": long hashes shortened for reading; the link and the JSON/CSV keep them whole.</summary>
    public static string Short(string hash) => hash.Length > 20 ? $"{hash[..10]}…{hash[^8..]}" : hash;
}
