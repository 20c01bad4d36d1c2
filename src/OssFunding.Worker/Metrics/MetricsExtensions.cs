using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace OssFunding.Worker.Metrics;

/// <summary>
/// Prometheus at <c>/metrics</c>: HTTP requests (prometheus-net middleware) and ledger gauges. A capability adds a
/// metric as a static <c>Prometheus.Metrics.CreateCounter/Gauge/Histogram</c> field in its own class, named
/// <c>ossfunding_…</c>; values that live in the database are refreshed by a scrape callback like <see cref="LedgerGauges"/>.
/// </summary>
internal static class MetricsExtensions
{
    public static IServiceCollection AddWorkerMetrics(this IServiceCollection services)
    {
        services.AddSingleton<LedgerGauges>();
        services.AddSingleton<PipelineGauges>();
        return services;
    }

    public static WebApplication UseWorkerMetrics(this WebApplication app)
    {
        app.UseHttpMetrics();
        return app;
    }

    public static WebApplication MapWorkerMetrics(this WebApplication app)
    {
        LedgerGauges gauges = app.Services.GetRequiredService<LedgerGauges>();
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(gauges.UpdateAsync);
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(app.Services.GetRequiredService<PipelineGauges>().UpdateAsync);
        // Families of capabilities this replica may have turned off, published anyway: an absent series reads as
        // "no data" on a dashboard and silences alert rules, a series at 0 says what is true.
        Pipeline.Execution.ExecutorMetrics.Publish();
        Pipeline.TransactionService.TransactionServiceMetrics.Publish();
        app.MapMetrics("/metrics");
        return app;
    }
}
