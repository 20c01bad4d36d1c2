using OssFunding.Core.Text;

namespace OssFunding.Core.Links;

/// <summary>
/// The one rule for links a reader or signer may click (SPEC §14): <c>approval_ref</c>, proof and evidence URLs are
/// absolute <c>https</c> URLs with a host (<c>http</c> only with <c>Links:AllowHttp</c>), without user info and without
/// hidden characters. Imports refuse anything else with <see cref="Problem"/>; renderers ask <see cref="Clickable"/>
/// again before writing a link, so a value that reached the ledger another way (an older import, a database edit)
/// is shown as text, never as a <c>javascript:</c>, <c>data:</c> or <c>file:</c> link.
/// </summary>
public static class ExternalLink
{
    /// <summary>Why <paramref name="url"/> may not be stored as a link, or null when it may.</summary>
    public static string? Problem(string url, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(url);
        var allowed = allowHttp ? "an absolute https:// or http:// URL" : "an absolute https:// URL";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || url.StartsWith('/'))
        {
            return $"'{DisplayText.Escape(url)}' must be {allowed}: it is not an absolute URL";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            var why = uri.Scheme == Uri.UriSchemeHttp ? " (http is accepted only with Links:AllowHttp)" : "";
            return $"'{Shorten(DisplayText.Escape(url))}' must be {allowed}: the scheme '{uri.Scheme}:' is not allowed{why}";
        }

        if (uri.Host.Length == 0 || uri.UserInfo.Length > 0)
        {
            return $"'{DisplayText.Escape(url)}' must be {allowed} with a host and without user:password@";
        }

        return HiddenCharacters.Problem(url) is { } hidden ? $"'{DisplayText.Escape(url)}': {hidden}" : null;
    }

    /// <summary>
    /// The URL to link to, or null when it must be shown as text. Renderers accept http as well: only an import decides
    /// whether http is allowed, and one that allowed it stored it on purpose.
    /// </summary>
    public static Uri? Clickable(string? url) =>
        url is not null && Problem(url, allowHttp: true) is null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
