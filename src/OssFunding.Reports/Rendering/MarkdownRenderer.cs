using System.Text;
using OssFunding.Core.Text;

namespace OssFunding.Reports.Rendering;

/// <summary>
/// GitHub-flavoured Markdown of a <see cref="ReportDocument"/>. Every ledger text is escaped, so a project name or memo
/// cannot break a table or add markup; links are emitted only for http(s) URLs. Lines end with \n on every platform.
/// </summary>
internal static class MarkdownRenderer
{
    // Enough for inline text: brackets (links), emphasis, code, HTML, entities and table pipes. Parentheses only matter after "]".
    private const string SpecialCharacters = "\\`*_[]<>|~&";

    public static string Render(ReportDocument document)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(document.Title)).Append('\n');
        foreach (var paragraph in document.Intro)
        {
            text.Append('\n').Append(Inline(paragraph.Pieces)).Append('\n');
        }

        foreach (var section in document.Sections)
        {
            text.Append("\n## ").Append(Escape(section.Heading)).Append('\n');
            foreach (var paragraph in section.Paragraphs)
            {
                text.Append('\n').Append(Inline(paragraph.Pieces)).Append('\n');
            }

            if (section.Table is { } table)
            {
                text.Append('\n');
                AppendTable(text, table);
            }
        }

        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, Table table)
    {
        if (table.Rows.Count == 0)
        {
            text.Append('_').Append(Escape(table.EmptyText)).Append("_\n");
            return;
        }

        text.Append("| ").AppendJoin(" | ", table.Columns.Select(Escape)).Append(" |\n");
        text.Append('|').AppendJoin('|', table.RightAligned.Select(right => right ? " ---: " : " --- ")).Append("|\n");
        foreach (var row in table.Rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(cell => Inline([cell]))).Append(" |\n");
        }
    }

    private static string Inline(IEnumerable<Cell> pieces) => string.Concat(pieces.Select(Piece));

    private static string Piece(Cell cell)
    {
        if (cell.Text.Length == 0)
        {
            return "";
        }

        // Code spans cannot hold escapes; what is shown as code (addresses, hashes, ids) is checked to be safe for it.
        var shown = cell.Code && IsPlainToken(cell.Text) ? $"`{cell.Text}`" : Escape(cell.Text);
        return Links.Safe(cell.Link) is { } url ? $"[{shown}]({url.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)})" : shown;
    }

    private static bool IsPlainToken(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '…' or '_');

    /// <summary>Hidden characters shown as <c>\u202E</c> (<see cref="DisplayText"/>, whose backslash is escaped in turn), then Markdown's own.</summary>
    public static string Escape(string text)
    {
        var visible = DisplayText.Escape(text);
        var escaped = new StringBuilder(visible.Length + 8);
        foreach (var c in visible)
        {
            if (SpecialCharacters.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
