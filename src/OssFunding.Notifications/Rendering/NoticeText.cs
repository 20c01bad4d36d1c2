using System.Text;

namespace OssFunding.Notifications.Rendering;

/// <summary>
/// The parts of a notice as lines in one channel's <see cref="Markup"/>, and fitting them into a length limit: when the
/// payments do not fit, the last ones are replaced by "… and N more payments" rather than cut mid-line.
/// </summary>
internal static class NoticeText
{
    /// <summary>Summary, an optional addressee line, then one line per fact.</summary>
    public static string Head(NoticeDocument document, Markup markup, string? addressees)
    {
        var text = new StringBuilder(markup.Escape(document.Summary)).Append('\n');
        if (!string.IsNullOrEmpty(addressees))
        {
            text.Append(addressees).Append('\n');
        }

        foreach (var fact in document.Facts)
        {
            text.Append('\n').Append(markup.Bold(fact.Label + ":")).Append(' ')
                .Append(fact.Code ? markup.Code(fact.Value) : markup.Escape(fact.Value));
        }

        return text.ToString();
    }

    /// <summary>The first <paramref name="shown"/> payments, the "more" line when some are left out, and the totals.</summary>
    public static string Payments(NoticeDocument document, Markup markup, int shown)
    {
        if (document.Payments.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder(markup.Bold($"Payments ({document.Payments.Count})"));
        foreach (var payment in document.Payments.Take(shown))
        {
            text.Append("\n• ").Append(markup.Escape(payment.Project)).Append(": ")
                .Append(markup.Escape($"{payment.Amount} {payment.Token}")).Append(" → ").Append(markup.Code(payment.Recipient));
        }

        if (shown < document.Payments.Count)
        {
            text.Append('\n').Append(markup.Escape(More(document.Payments.Count - shown)));
        }

        return text.Append('\n').Append(markup.Bold("Totals:")).Append(' ')
            .Append(markup.Escape(string.Join(", ", document.Totals.Select(t => $"{t.Amount} {t.Token}")))).ToString();
    }

    public static string Links(NoticeDocument document, Markup markup, string separator) =>
        string.Join(separator, document.Links.Select(link => markup.Link(link.Label, link.Url)));

    public static string More(int hidden) => $"… and {hidden} more payment{(hidden == 1 ? "" : "s")}";

    /// <summary>
    /// <paramref name="render"/>(k) with the largest k ≤ <paramref name="count"/> that fits <paramref name="limit"/>
    /// (the length grows with k); when even k = 0 is too long, that text cut at a line end.
    /// </summary>
    public static string FitPayments(int count, int limit, Func<int, string> render)
    {
        var all = render(count);
        if (all.Length <= limit)
        {
            return all;
        }

        string? best = null;
        int low = 0, high = count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var text = render(middle);
            if (text.Length <= limit)
            {
                best = text;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best ?? CutAtLine(render(0), limit);
    }

    /// <summary>Cuts at the last line end that leaves room for "…", so no line (or markup tag) is split.</summary>
    public static string CutAtLine(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var end = text.LastIndexOf('\n', Math.Max(0, limit - 2));
        return end <= 0 ? text[..(limit - 1)] + "…" : text[..end] + "\n…";
    }
}
