using System.Text.Encodings.Web;
using OssFunding.Core.Links;
using OssFunding.Core.Text;

namespace OssFunding.Worker.Pages;

/// <summary>
/// How the worker's pages write text that came from outside (project names, ids, links, token symbols): as data.
/// Hidden characters (SPEC §14) are shown escaped as <c>\u202E</c> by the one rule every renderer uses
/// (<see cref="DisplayText"/>), then everything is HTML-encoded; links are only what <see cref="ExternalLink"/> allows.
/// </summary>
internal static class PageText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>Text for an element body or a quoted attribute value.</summary>
    public static string Html(string? text) => Encoder.Encode(DisplayText.Escape(text));

    /// <summary>An absolute http(s) URL as an attribute value, or null: any other scheme (javascript:, data:, file:) is never a link.</summary>
    public static string? Href(string? url) => ExternalLink.Clickable(url) is { } uri ? Encoder.Encode(uri.AbsoluteUri) : null;

    /// <summary>A link to <paramref name="url"/> when it is http(s), else the text alone.</summary>
    public static string LinkOrText(string? url) =>
        Href(url) is { } href ? $"<a href=\"{href}\" rel=\"noopener noreferrer\">{Html(url)}</a>" : Html(url);
}
