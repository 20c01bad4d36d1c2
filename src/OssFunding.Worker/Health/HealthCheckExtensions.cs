using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace OssFunding.Worker.Health;

internal static class HealthCheckExtensions
{
    /// <summary>Checks tagged with this take part in <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Liveness has no checks (the process answers); readiness runs every check tagged <see cref="ReadyTag"/>.
    /// A capability adds its own with <c>services.AddHealthChecks().AddCheck&lt;T&gt;("name", tags: [ReadyTag])</c>.
    /// </summary>
    public static IServiceCollection AddWorkerHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ChainHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<ChainHealthCheck>("chain", tags: [ReadyTag])
            .AddCheck<WatcherLagHealthCheck>("watcher", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapWorkerHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }
}
