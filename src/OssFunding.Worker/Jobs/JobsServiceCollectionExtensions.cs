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
    /// The scheduled jobs of <c>run</c>: chain sync (watcher + confirmer) and, with <c>Execution:Mode=Executor</c>, the
    /// executor, every <c>Chain:PollInterval</c>; the drafter on <c>Drafting:Schedule</c>. Each job runs one at a time
    /// (<see cref="DisallowConcurrentExecutionAttribute"/>), across all replicas on PostgreSQL (see
    /// <see cref="JobStoreConfiguration"/>); on SIGTERM the scheduler waits for the running steps. The definitions here
    /// replace the stored ones on every start (Quartz's OverwriteExistingData), so a changed schedule takes effect and
    /// restarts never duplicate a job.
    /// </summary>
    public static IServiceCollection AddWorkerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var executor = Enum.TryParse<ExecutionMode>(configuration[$"{ExecutionOptions.Section}:Mode"], ignoreCase: true, out var mode)
                       && mode == ExecutionMode.Executor;
        services.AddQuartz(quartz =>
        {
            quartz.UseLedgerJobStore(configuration);
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
        services.Configure<QuartzOptions>(options =>
        {
            options.Scheduling.OverwriteExistingData = true;
            // A replica that starts while others run keeps the stored trigger's timing: otherwise the running nodes'
            // copies and the new one would fire the same job on two different beats until they converge.
            options.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    private static TimeSpan PollInterval(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<ChainOptions>>().Value.PollInterval;
}
