using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OssFunding.Core.Text;
using Serilog.AspNetCore;
using Serilog.Events;

namespace OssFunding.Worker.Logging;

/// <summary>
/// One line per request, with the status the client got and why (SPEC §14): a refusal (4xx) is a Warning naming its
/// reason (the problem's detail), never a stack trace; only a failure of the worker (5xx) is an Error. The middleware
/// runs outside the exception handler, so a refusal raised as an exception (413, a bad query value) is logged with the
/// status the handler answered, not as the 500 the exception alone would suggest. Bodies are never logged.
/// </summary>
internal static class RequestLog
{
    private const string ReasonItem = "OssFunding.RequestLog.Reason";

    public static void Configure(RequestLoggingOptions options)
    {
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms: {Reason}";
        options.GetLevel = LevelOf;
        options.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("Reason", ReasonOf(http));
    }

    /// <summary>Called for every problem the worker writes (endpoints, exception handlers, status code pages).</summary>
    public static void NoteReason(HttpContext http, string? detail)
    {
        if (!string.IsNullOrEmpty(detail))
        {
            http.Items[ReasonItem] = detail;
        }
    }

    /// <summary>Probes and scrapes arrive every few seconds: they are logged only at Verbose unless they fail.</summary>
    private static LogEventLevel LevelOf(HttpContext http, double elapsedMs, Exception? error) =>
        error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
        : http.Response.StatusCode >= 400 ? LogEventLevel.Warning
        : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Verbose
        : LogEventLevel.Information;

    /// <summary>The problem's detail, else the status's reason phrase; hidden characters escaped by the one display rule, so a line cannot be forged.</summary>
    private static string ReasonOf(HttpContext http) =>
        DisplayText.Escape(http.Items[ReasonItem] as string ?? ReasonPhrases.GetReasonPhrase(http.Response.StatusCode));
}
