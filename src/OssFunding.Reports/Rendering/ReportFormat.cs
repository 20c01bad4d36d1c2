using OssFunding.Reports.Model;

namespace OssFunding.Reports.Rendering;

public enum ReportFormat
{
    Markdown,
    Csv,
    Json,
    Html,
}

/// <summary>Renders reports in the formats users ask for by name (md, csv, json, html).</summary>
public static class ReportRenderer
{
    public const string FormatNames = "md, csv, json, html";

    /// <summary>The format written <paramref name="name"/> (md, csv, json, html; case-insensitive), or null.</summary>
    public static ReportFormat? ParseFormat(string? name) => name?.ToLowerInvariant() switch
    {
        "md" or "markdown" => ReportFormat.Markdown,
        "csv" => ReportFormat.Csv,
        "json" => ReportFormat.Json,
        "html" => ReportFormat.Html,
        _ => null,
    };

    /// <summary>The Content-Security-Policy style source the HTML report needs: the hash of its one inline stylesheet.</summary>
    public static string HtmlStyleSource => HtmlRenderer.StyleSource;

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "md",
        ReportFormat.Csv => "csv",
        ReportFormat.Json => "json",
        _ => "html",
    };

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "text/markdown; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Json => "application/json; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    public static string Render(MonthlyReport report, ReportFormat format) => format switch
    {
        ReportFormat.Markdown => MarkdownRenderer.Render(MonthlyDocument.From(report)),
        ReportFormat.Csv => ReportCsv.Write(report),
        ReportFormat.Json => ReportJson.Write(report),
        _ => HtmlRenderer.Render(MonthlyDocument.From(report)),
    };

    /// <summary>The annual report; its CSV has one line per (month, token) total.</summary>
    public static string Render(AnnualReport report, ReportFormat format) => format switch
    {
        ReportFormat.Markdown => MarkdownRenderer.Render(AnnualDocument.From(report)),
        ReportFormat.Csv => AnnualCsv.Write(report),
        ReportFormat.Json => ReportJson.Write(report),
        _ => HtmlRenderer.Render(AnnualDocument.From(report)),
    };
}
