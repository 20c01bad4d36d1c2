using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Reports;
using OssFunding.Reports.Building;
using OssFunding.Reports.OffChain;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Worker.ResponseHeaders;

namespace OssFunding.Worker.Api;

internal sealed record OffChainPaymentBody(string? AllocationId, string? Reference, string? EvidenceUrl, string? Date);

/// <summary>
/// <c>GET /api/reports/{YYYY-MM}?format=md|csv|json|html</c>, <c>GET /api/reports/annual/{cycle}?format=...</c> (JSON by
/// default) and <c>POST /api/payments/offchain</c> (admin token, like every write).
/// </summary>
internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        // format=html: the report's one inline stylesheet, by its hash; nothing else.
        var htmlReport = new ContentSecurityPolicy(StyleSources: ReportRenderer.HtmlStyleSource);
        api.MapGet("/reports/{period}", MonthlyAsync).WithMetadata(htmlReport);
        api.MapGet("/reports/annual/{cycle}", AnnualAsync).WithMetadata(htmlReport);
        api.MapPost("/payments/offchain", RecordOffChainAsync);
        return api;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> MonthlyAsync(
        string period, string? format, ReportService reports, CancellationToken cancellationToken)
    {
        if (ReportPeriod.TryParse(period) is not { } month)
        {
            return Problems.BadRequest($"The month must be written YYYY-MM (was \"{period}\").");
        }

        return await RenderAsync(format, async chosen => ReportRenderer.Render(await reports.MonthlyAsync(month, cancellationToken), chosen));
    }

    private static Task<Results<ContentHttpResult, ProblemHttpResult>> AnnualAsync(
        string cycle, string? format, ReportService reports, CancellationToken cancellationToken) =>
        RenderAsync(format, async chosen => ReportRenderer.Render(await reports.AnnualAsync(cycle, cancellationToken), chosen));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RenderAsync(string? formatName, Func<ReportFormat, Task<string>> render)
    {
        if (ReportRenderer.ParseFormat(formatName ?? "json") is not { } format)
        {
            return Problems.BadRequest($"format must be one of {ReportRenderer.FormatNames} (was \"{formatName}\").");
        }

        try
        {
            return TypedResults.Content(await render(format), ReportRenderer.ContentType(format));
        }
        catch (ReportInputException e)
        {
            return Problems.NotFound(e.Message);
        }
        catch (ReportFactsMissingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chain facts missing");
        }
    }

    private static async Task<Results<Created<OffChainPaymentView>, ProblemHttpResult>> RecordOffChainAsync(
        HttpRequest request, OffChainPayments payments, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType($"Send the payment as application/json (was \"{request.ContentType}\").");
        }

        OffChainPaymentBody? body;
        try
        {
            await using var content = await RequestBodies.ReadBoundedAsync(request, api.Value.MaxBodyBytes, cancellationToken);
            body = await JsonSerializer.DeserializeAsync<OffChainPaymentBody>(content, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"The body must be a JSON object {{\"allocationId\", \"reference\", \"evidenceUrl\", \"date\"?}}: {e.Message}");
        }

        var outcome = await payments.RecordAsync(
            new OffChainPaymentRequest(body?.AllocationId ?? "", body?.Reference ?? "", body?.EvidenceUrl ?? "", body?.Date), cancellationToken);
        return outcome.Result switch
        {
            OffChainResult.Recorded => TypedResults.Created($"/api/payments?period={outcome.Payment!.Period}", outcome.Payment),
            OffChainResult.NotFound => Problems.NotFound(outcome.Message),
            OffChainResult.NotApproved => Problems.Conflict(outcome.Message),
            _ => Problems.BadRequest(outcome.Message, outcome.Problems),
        };
    }
}
