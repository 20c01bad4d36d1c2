using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline;
using OssFunding.Pipeline.Execution;
using OssFunding.Reports;
using OssFunding.Worker.Chain;
using OssFunding.Worker.Status;

namespace OssFunding.Worker.Hosting;

internal static class PipelineServices
{
    /// <summary>
    /// The disbursement pipeline (drafter, signatures, watcher, confirmer, notices), the optional executor, the chain
    /// startup check, the status report and the watcher's progress. Call before <c>AddWorkerOptions</c> (sections are
    /// bound once). Nothing here talks to the chain until it is used.
    /// </summary>
    public static IServiceCollection AddWorkerPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPipeline(configuration);
        services.AddPipelineExecution(configuration);
        services.AddReports(configuration);
        services.TryAddSingleton<WatcherProgress>();
        services.TryAddSingleton<StatusReport>();
        services.AddSingleton<IStartupCheck, ChainStartupCheck>();
        services.AddSingleton<IWatcherRangeObserver, WatcherBatchFailPoint>();
        return services;
    }
}
