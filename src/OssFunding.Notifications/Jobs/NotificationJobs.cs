using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Reminders;
using Quartz;

namespace OssFunding.Notifications.Jobs;

/// <summary>Runs <see cref="NotificationDispatcher.RunAsync"/>; one run at a time (on one node with a clustered store).</summary>
[DisallowConcurrentExecution]
public sealed class NotificationDispatchJob(NotificationDispatcher dispatcher, ILogger<NotificationDispatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await dispatcher.RunAsync(cancellationToken);
        if (run.Delivered + run.Retrying + run.Dead > 0)
        {
            logger.LogInformation("Notices: {Delivered} delivered, {Retrying} to retry, {Dead} dead", run.Delivered, run.Retrying, run.Dead);
        }
    }
}

/// <summary>Runs <see cref="ReminderScheduler.RunAsync"/>; one run at a time.</summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(ReminderScheduler scheduler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scheduler.RunAsync(cancellationToken);
}

public static class NotificationJobs
{
    /// <summary>Reminders are due at whole intervals since drafting; checking every minute keeps them within a minute of that.</summary>
    public static readonly TimeSpan ReminderCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Schedules <see cref="NotificationDispatchJob"/> every <c>Notifications:Delivery:PollInterval</c> and
    /// <see cref="ReminderJob"/> every minute. Call inside the host's <c>AddQuartz(q => …)</c>.
    /// </summary>
    public static IQuartzBuilder AddNotificationJobs(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var delivery = configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        Schedule<NotificationDispatchJob>(quartz, "notifications-dispatch", delivery.PollInterval);
        Schedule<ReminderJob>(quartz, "notifications-reminders", ReminderCheckInterval);
        return quartz;
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, string name, TimeSpan interval) where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(name).StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(name));
}
