using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Worker.Jobs;
using Quartz;

namespace OssFunding.Worker.Hosting;

internal static class TransactionServiceRegistration
{
    /// <summary>
    /// The Safe Transaction Service integration (inert unless <c>Signing:Mode</c> is TransactionService): its services,
    /// including the queue as a nonce source of the drafter (so <c>draft</c> respects it too), and in that mode a
    /// <see cref="TransactionServiceJob"/> every <c>Chain:PollInterval</c> on the host's Quartz scheduler (it runs where
    /// the scheduler runs, i.e. in <c>run</c>). Call after <c>AddWorkerPipeline</c>.
    /// </summary>
    public static IServiceCollection AddWorkerTransactionService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTransactionService();
        var serviceMode = Enum.TryParse<SigningMode>(configuration[$"{SigningOptions.Section}:Mode"], ignoreCase: true, out var mode)
                          && mode == SigningMode.TransactionService;
        if (serviceMode)
        {
            // Quartz merges the jobs of every AddQuartz call into the one scheduler the host configures.
            services.AddQuartz(quartz => quartz.ScheduleJob<TransactionServiceJob>(
                (provider, trigger) => trigger.WithIdentity(TransactionServiceJob.Name).StartNow().WithSimpleSchedule(schedule =>
                    schedule.WithInterval(provider.GetRequiredService<IOptions<ChainOptions>>().Value.PollInterval).RepeatForever())));
        }

        return services;
    }
}

/// <summary>
/// Every <c>Chain:PollInterval</c>: propose new drafts to the Transaction Service, forward signatures received by the
/// worker, import and verify the service's confirmations (<see cref="TransactionServiceSync"/>). A failed run (service
/// down, rate limited, key refused) is logged and runs again at the next trigger; execution never waits for it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TransactionServiceJob(TransactionServiceSync sync, ILogger<TransactionServiceJob> logger) : IJob
{
    public const string Name = "transaction-service";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        JobRun.RunAsync(context, logger, token => sync.RunAsync(token), cancellationToken);
}
