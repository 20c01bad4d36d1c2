using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace OssFunding.Worker.Pages;

/// <summary>
/// How the worker's pages write text that came from outside (project names, ids, links, token symbols): as data.
/// Invisible characters that could make a text display as another (bidirectional overrides, zero-width characters,
/// other control and format characters, SPEC §14) are shown escaped as <c>\u202E</c>, then everything is HTML-encoded.
/// </summary>
internal static class PageText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>Text for an element body or a quoted attribute value.</summary>
    public static string Html(string? text) => Encoder.Encode(Visible(text ?? ""));

    /// <summary>An absolute http(s) URL as an attribute value, or null: any other scheme (javascript:, data:, file:) is never a link.</summary>
    public static string? Href(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http" && url.Equals(Visible(url), StringComparison.Ordinal)
            ? Encoder.Encode(uri.AbsoluteUri)
            : null;

    /// <summary>A link to <paramref name="url"/> when it is http(s), else the text alone.</summary>
    public static string LinkOrText(string? url) =>
        Href(url) is { } href ? $"<a href=\"{href}\" rel=\"noopener noreferrer\">{Html(url)}</a>" : Html(url);

    /// <summary>The text with every control, format, line or paragraph separator or private-use character written as \uXXXX.</summary>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsHidden))
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            visible.Append(IsHidden(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return visible.ToString();
    }

    private static bool IsHidden(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse;
}
