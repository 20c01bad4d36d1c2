using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Notifications;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Jobs;
using OssFunding.Worker.Configuration;
using Quartz;

namespace OssFunding.Worker.Hosting;

internal static class NotificationsRegistration
{
    /// <summary>
    /// Notice delivery (src/OssFunding.Notifications): the dispatcher and reminder jobs on the host's Quartz scheduler
    /// (they run where the scheduler runs, i.e. in <c>run</c>), and <c>Notifications:Delivery</c> checked with the rest
    /// of the configuration at start. Call after <c>AddWorkerPipeline</c>.
    /// </summary>
    public static IServiceCollection AddWorkerNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNotifications(configuration);
        services.AddSingleton(ConfigurationValidation.ProbeFor<DeliveryOptions>());
        // Quartz merges the jobs of every AddQuartz call into the one scheduler the host configures.
        services.AddQuartz(quartz => quartz.AddNotificationJobs(configuration));
        return services;
    }
}
