using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Reports;
using Quartz;

namespace OssFunding.Worker.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The scheduled jobs of <c>run</c> on Quartz's in-memory store: chain sync (watcher + confirmer) and, with
    /// <c>Execution:Mode=Executor</c>, the executor, every <c>Chain:PollInterval</c>; the drafter on
    /// <c>Drafting:Schedule</c>. Each job runs one at a time (<see cref="DisallowConcurrentExecutionAttribute"/>); on
    /// SIGTERM the scheduler waits for the running steps. With several replicas on PostgreSQL each replica runs its own
    /// schedule: every step re-checks and guards its writes, so this costs duplicate reads, never a double payment.
    /// </summary>
    public static IServiceCollection AddWorkerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var executor = Enum.TryParse<ExecutionMode>(configuration[$"{ExecutionOptions.Section}:Mode"], ignoreCase: true, out var mode)
                       && mode == ExecutionMode.Executor;
        services.AddQuartz(quartz =>
        {
            quartz.UseInMemoryStore();
            quartz.ScheduleJob<ChainSyncJob>((provider, trigger) => trigger.WithIdentity(ChainSyncJob.Name).StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(PollInterval(provider)).RepeatForever()));
            quartz.ScheduleJob<DrafterJob>((provider, trigger) => trigger.WithIdentity(DrafterJob.Name)
                .WithCronSchedule(provider.GetRequiredService<IOptions<DraftingOptions>>().Value.Schedule));
            quartz.AddReportPublishJob(configuration);
            if (executor)
            {
                quartz.ScheduleJob<ExecutorJob>((provider, trigger) => trigger.WithIdentity(ExecutorJob.Name).StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(PollInterval(provider)).RepeatForever()));
            }
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    private static TimeSpan PollInterval(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<ChainOptions>>().Value.PollInterval;
}
