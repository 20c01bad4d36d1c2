using System.Net;
using System.Security.Cryptography;
using System.Text;
using OssFunding.Core.Text;

namespace OssFunding.Reports.Rendering;

/// <summary>
/// One self-contained HTML page: inline CSS and SVG, no scripts, fonts or images from anywhere (a Content-Security-Policy
/// says so to the browser too). Every ledger text is HTML-encoded; links are emitted only for http(s) URLs.
/// </summary>
internal static class HtmlRenderer
{
    private const string Style =
        """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1b1f24;line-height:1.45}
        h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
        table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.6rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .45rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}code{font-family:ui-monospace,Consolas,monospace;font-size:.85em}
        a{color:#0969da}p.empty{color:#57606a;font-style:italic}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
        svg text{font-family:system-ui,sans-serif;font-size:12px;fill:#1b1f24}
        """;

    /// <summary>The text of the page's one style element, exactly as written, so its hash can be allowed by name.</summary>
    private const string StyleElementText = "\n" + Style;

    /// <summary>
    /// The CSP source that allows this stylesheet and no other inline style (<c>'sha256-…'</c> of its UTF-8 text): in the
    /// page's own meta policy, for a file opened from disk, and in the header the worker serves it with.
    /// </summary>
    public static readonly string StyleSource =
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(StyleElementText)))}'";

    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ").Append(StyleSource).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n<style>").Append(StyleElementText).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(document.Title)).Append("</h1>\n");
        foreach (var paragraph in document.Intro)
        {
            html.Append("<p>").Append(Inline(paragraph.Pieces)).Append("</p>\n");
        }

        foreach (var section in document.Sections)
        {
            html.Append("<section>\n<h2>").Append(Encode(section.Heading)).Append("</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(Inline(paragraph.Pieces)).Append("</p>\n");
            }

            foreach (var chart in section.Charts)
            {
                html.Append(SvgBarChart.Render(chart));
            }

            if (section.Table is { } table)
            {
                AppendTable(html, table);
            }

            html.Append("</section>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Hidden characters shown as <c>\u202E</c> (the one rule, <see cref="DisplayText"/>), then HTML-encoded.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(DisplayText.Escape(text));

    private static void AppendTable(StringBuilder html, Table table)
    {
        if (table.Rows.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(Encode(table.EmptyText)).Append("</p>\n");
            return;
        }

        html.Append("<table>\n<thead><tr>");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            html.Append(table.RightAligned[i] ? "<th class=\"num\">" : "<th>").Append(Encode(table.Columns[i])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(table.RightAligned[i] ? "<td class=\"num\">" : "<td>").Append(Inline([row[i]])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Inline(IEnumerable<Cell> pieces) => string.Concat(pieces.Select(Piece));

    private static string Piece(Cell cell)
    {
        var shown = cell.Code ? $"<code>{Encode(cell.Text)}</code>" : Encode(cell.Text);
        return Links.Safe(cell.Link) is { } url ? $"<a href=\"{Encode(url)}\" rel=\"noopener noreferrer\">{shown}</a>" : shown;
    }
}
