using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Channels;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Jobs;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Reminders;
using OssFunding.Notifications.Signers;
using OssFunding.Pipeline;

namespace OssFunding.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers notice delivery: <see cref="NotificationDispatcher"/>, <see cref="ReminderScheduler"/>, their Quartz jobs
    /// (<see cref="NotificationDispatchJob"/>, <see cref="ReminderJob"/>; schedule them with
    /// <see cref="NotificationJobs.AddNotificationJobs"/>), the five channels, <see cref="ChannelHealth"/> and
    /// <see cref="DeliveryQueries"/>. Binds <c>Notifications</c> (if nothing bound it yet) and
    /// <c>Notifications:Delivery</c>, validated at start. Adds the pipeline (<c>AddPipeline</c>) it reads notices from.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPipeline(configuration);
        // Binding a section twice appends its lists (Signers) twice.
        if (!services.Any(descriptor => descriptor.ImplementationInstance is NamedConfigureFromConfigurationOptions<NotificationsOptions>))
        {
            services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section));
        }

        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationsOptions>, DeliveryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<SignerDirectory>();
        services.TryAddSingleton<NoticeDocumentBuilder>();
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton<HttpSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INoticeChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INoticeChannel, SlackChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INoticeChannel, DiscordChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INoticeChannel, TelegramChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INoticeChannel, EmailChannel>());
        services.TryAddSingleton<NoticeRouter>();
        services.TryAddSingleton<DeliveryStore>();
        services.TryAddSingleton<ChannelHealth>();
        services.TryAddSingleton(provider => new DeliveryQueries(provider.GetRequiredService<DeliveryStore>()));
        services.TryAddSingleton(provider => new RetrySchedule(provider.GetRequiredService<IOptions<DeliveryOptions>>()));
        // Its constructor is internal (it takes internal parts), which the container does not call by itself.
        services.TryAddSingleton(provider => new NotificationDispatcher(
            provider.GetRequiredService<DeliveryStore>(), provider.GetRequiredService<NoticeRouter>(),
            provider.GetRequiredService<NoticeDocumentBuilder>(), provider.GetServices<INoticeChannel>(),
            provider.GetRequiredService<SignerDirectory>(), provider.GetRequiredService<ChannelHealth>(),
            provider.GetRequiredService<RetrySchedule>(), provider.GetRequiredService<SecretRedactor>(),
            provider.GetRequiredService<IOptions<DeliveryOptions>>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<NotificationDispatcher>>()));
        services.TryAddSingleton<ReminderScheduler>();
        services.TryAddTransient<NotificationDispatchJob>();
        services.TryAddTransient<ReminderJob>();
        return services;
    }
}
