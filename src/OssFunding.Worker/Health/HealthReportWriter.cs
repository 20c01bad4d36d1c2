using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OssFunding.Worker.Health;

/// <summary>
/// <c>{"status":"Unhealthy","checks":{"database":{"status":"Unhealthy","reason":"…","durationMs":3}}}</c>:
/// a failing check says why, so a 503 can be acted on.
/// </summary>
internal static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    reason = entry.Value.Description,
                    durationMs = (long)entry.Value.Duration.TotalMilliseconds,
                    data = entry.Value.Data.Count == 0 ? null : entry.Value.Data,
                }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
