using System.Text;

namespace OssFunding.Worker.Pages;

/// <summary>
/// The HTML shell of every page: readable on a phone (viewport, one column). Stylesheet and script are the worker's own
/// files, so the Content-Security-Policy allows this origin's and nothing inline.
/// </summary>
internal static class PageLayout
{
    public const string StylesheetPath = "/assets/pages.css";

    public const string SignerScriptPath = "/assets/signer.js";

    /// <param name="body">HTML already escaped by <see cref="PageText"/>.</param>
    public static string Render(string title, string body, bool signerScript = false)
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(PageText.Html(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(StylesheetPath).Append("\">\n")
            .Append("</head>\n<body>\n<main>\n")
            .Append(body)
            .Append("</main>\n");
        if (signerScript)
        {
            html.Append("<script src=\"").Append(SignerScriptPath).Append("\"></script>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }
}
