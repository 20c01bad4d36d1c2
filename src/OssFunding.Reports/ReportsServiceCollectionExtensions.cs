using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssFunding.Reports.Building;
using OssFunding.Reports.ChainFacts;
using OssFunding.Reports.OffChain;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Verification;
using Quartz;

namespace OssFunding.Reports;

public static class ReportsServiceCollectionExtensions
{
    public const string PublishJobName = "report-publish";

    /// <summary>
    /// Registers the reports as singletons: <see cref="ReportService"/> (facts + builders), <see cref="MonthlyReportBuilder"/>,
    /// <see cref="AnnualReportBuilder"/>, <see cref="ChainFactsRecorder"/>, <see cref="VerificationRunner"/>,
    /// <see cref="PaymentVerifier"/>, <see cref="OffChainPayments"/>, <see cref="ReportPublisher"/> and the job class, and binds
    /// the <c>Reports</c> section (validated on start). Call after <c>AddPipeline</c>, which provides the ledger, the chain
    /// RPC, the mirror reader and the notices outbox (not called here: binding a section twice duplicates its lists).
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReportsOptions>().Bind(configuration.GetSection(ReportsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>());
        services.TryAddSingleton<ReportSettings>();
        services.TryAddSingleton<ChainReads>();
        services.TryAddSingleton<ChainFactsRecorder>();
        services.TryAddSingleton<MonthlyReportBuilder>();
        services.TryAddSingleton<AnnualReportBuilder>();
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<PaymentVerifier>();
        services.TryAddSingleton<VerificationRunner>();
        services.TryAddSingleton<OffChainPayments>();
        services.TryAddSingleton<ReportPublisher>();
        services.TryAddTransient<ReportPublishJob>();
        return services;
    }

    /// <summary>
    /// Schedules <see cref="ReportPublishJob"/> on <c>Reports:PublishSchedule</c> (cron, UTC). Call inside the host's
    /// <c>AddQuartz(q => ...)</c>: <c>q.AddReportPublishJob(configuration)</c>.
    /// </summary>
    public static IQuartzBuilder AddReportPublishJob(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var schedule = configuration[$"{ReportsOptions.Section}:{nameof(ReportsOptions.PublishSchedule)}"] ?? new ReportsOptions().PublishSchedule;
        quartz.ScheduleJob<ReportPublishJob>(
            trigger => trigger.WithIdentity(PublishJobName).WithCronSchedule(schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc)),
            job => job.WithIdentity(PublishJobName));
        return quartz;
    }
}
