using System.Text.RegularExpressions;

namespace OssFunding.Core.Secrets;

/// <summary>
/// The one rule for showing a configured URL (RPC, Transaction Service, webhook, chat) anywhere: <c>config check</c>,
/// logs, status, error messages. Providers put credentials in the URL itself: userinfo
/// (<c>http://user:password@host/</c>), a key as a path segment (Alchemy/Infura <c>/v2/KEY</c>, Slack's
/// <c>/services/T/B/TOKEN</c>, Telegram's <c>/botTOKEN</c>) or a query value (<c>?apikey=KEY</c>). Each of those is
/// replaced by <see cref="Mask"/>; scheme, host, port and the ordinary words of the path stay, so an operator still
/// sees which endpoint is meant. A URL with nothing to hide is returned unchanged, character for character.
/// </summary>
public static partial class UrlMasking
{
    public const string Mask = "***";

    /// <summary>Query parameter names that announce a credential whatever their value looks like.</summary>
    private static readonly string[] SecretNames = ["key", "token", "secret", "pass", "pwd", "auth", "sig", "credential"];

    /// <summary>
    /// <paramref name="url"/> with its userinfo and key-like path segments, query values and fragment masked. Text
    /// that is not an absolute URL but holds something that looks like a key is masked whole: it cannot be taken apart.
    /// </summary>
    public static string MaskUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || !url.Contains("://", StringComparison.Ordinal))
        {
            return url.Contains('@', StringComparison.Ordinal) || HasKeyLikeRun(url) ? Mask : url;
        }

        string path = MaskSegments(uri.AbsolutePath);
        string query = uri.Query.Length > 1 ? "?" + MaskQuery(uri.Query[1..]) : uri.Query;
        string fragment = uri.Fragment.Length > 1 && LooksLikeKey(uri.Fragment[1..]) ? "#" + Mask : uri.Fragment;
        bool changed = uri.UserInfo.Length > 0 || path != uri.AbsolutePath || query != uri.Query || fragment != uri.Fragment;
        return changed
            ? $"{uri.Scheme}://{(uri.UserInfo.Length > 0 ? Mask + "@" : "")}{uri.Authority}{path}{query}{fragment}"
            : url;
    }

    /// <summary>Every URL inside free text (an exception message, a log property) masked by <see cref="MaskUrl"/>.</summary>
    public static string MaskUrlsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("://", StringComparison.Ordinal) ? UrlInText().Replace(text, match => MaskUrl(match.Value)) : text;
    }

    /// <summary>
    /// A key as providers issue them: 16 or more URL-safe characters in one run, mixing at least two of lower case,
    /// upper case and digits (hex, base62, UUIDs, bot tokens). Ordinary path words (<c>rpc</c>, <c>v2</c>,
    /// <c>multisig-transactions</c>) and plain ids (<c>42161</c>) are not keys.
    /// </summary>
    public static bool LooksLikeKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 16 || !KeyCharacters().IsMatch(text))
        {
            return false;
        }

        int classes = (text.Any(char.IsAsciiLetterLower) ? 1 : 0) + (text.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (text.Any(char.IsAsciiDigit) ? 1 : 0);
        return classes >= 2;
    }

    private static string MaskSegments(string path) =>
        string.Join('/', path.Split('/').Select(segment => LooksLikeKey(Uri.UnescapeDataString(segment)) ? Mask : segment));

    private static string MaskQuery(string query) => string.Join('&', query.Split('&').Select(MaskQueryPair));

    private static string MaskQueryPair(string pair)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return LooksLikeKey(Uri.UnescapeDataString(pair)) ? Mask : pair;
        }

        string name = pair[..equals];
        bool secret = SecretNames.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
            || LooksLikeKey(Uri.UnescapeDataString(pair[(equals + 1)..]));
        return secret ? $"{name}={Mask}" : pair;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._~:+\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyCharacters();

    [GeneratedRegex(@"[A-Za-z0-9._~:+\-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLikeTokenRun();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s""'<>`]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlInText();

    /// <summary>Whether a run of URL-safe characters in <paramref name="text"/> is key-like (not just long).</summary>
    private static bool HasKeyLikeRun(string text) => KeyLikeTokenRun().Matches(text).Any(match => LooksLikeKey(match.Value));
}
