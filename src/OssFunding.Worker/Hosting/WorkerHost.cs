using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OssFunding.Core;
using OssFunding.Pipeline.Testing;
using OssFunding.Worker.Api;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Health;
using OssFunding.Worker.Jobs;
using OssFunding.Worker.Logging;
using OssFunding.Worker.Metrics;
using OssFunding.Worker.Pages;

namespace OssFunding.Worker.Hosting;

/// <summary>What a command needs from the host beyond the common services.</summary>
/// <param name="ConfigOverrides"><c>--Section:Key=value</c> arguments, applied last.</param>
/// <param name="RequireSafeAddress">The command acts for the Safe, so <c>Safe:Address</c> must be set.</param>
internal sealed record HostNeeds(IReadOnlyList<string> ConfigOverrides, bool RequireSafeAddress);

/// <summary>Builds the two shapes of the one executable: the web server for <c>run</c>, and a plain host for CLI commands.</summary>
internal static class WorkerHost
{
    /// <summary>
    /// Docker sends SIGKILL 10 s after SIGTERM by default; the current step (a request, a job run) gets 8 s to finish.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(8);

    public static WebApplication BuildServer(HostNeeds needs)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.AddWorkerCore(needs, LogDestination.StandardOutput);
        builder.AddWorkerApi();
        builder.Services.AddWorkerHealthChecks();
        builder.Services.AddWorkerMetrics();
        builder.Services.AddWorkerJobs(builder.Configuration);

        WebApplication app = builder.Build();
        app.UseWorkerApi();
        app.UseWorkerMetrics();
        app.MapWorkerHealthChecks();
        app.MapWorkerMetrics();
        app.MapWorkerApi();
        app.MapWorkerPages();
        return app;
    }

    public static IHost BuildCommandHost(HostNeeds needs)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.AddWorkerCore(needs, LogDestination.StandardError);
        return builder.Build();
    }

    private static void AddWorkerCore(this IHostApplicationBuilder builder, HostNeeds needs, LogDestination logDestination)
    {
        builder.Configuration.AddWorkerSources(builder.Environment.ContentRootPath, needs.ConfigOverrides);
        builder.Logging.ClearProviders();
        builder.Services.AddWorkerLogging(builder.Configuration, logDestination);
        builder.Services.AddLedger(builder.Configuration);
        builder.Services.AddWorkerPipeline(builder.Configuration);
        builder.Services.AddWorkerTransactionService(builder.Configuration);
        builder.Services.AddWorkerNotifications(builder.Configuration);
        builder.Services.AddWorkerOptions(builder.Configuration);
        string environment = builder.Environment.EnvironmentName;
        builder.Services.AddSingleton(new OptionsProbe("Testing",
            _ => FailPoints.FindProblems(builder.Configuration[FailPoints.ConfigurationKey], environment)));
        if (needs.RequireSafeAddress)
        {
            builder.Services.RequireSafeAddress();
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
    }
}
