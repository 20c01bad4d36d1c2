using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OssFunding.Pipeline.Drafting;

namespace OssFunding.Pipeline.TransactionService;

public static class TransactionServiceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Safe Transaction Service integration on top of <see cref="PipelineServiceCollectionExtensions.AddPipeline"/>
    /// (call that first): <see cref="TransactionServiceClient"/>, <see cref="ProposerKey"/>, <see cref="ServiceProposer"/>,
    /// <see cref="ConfirmationForwarder"/>, <see cref="ServiceConfirmationPoller"/>, <see cref="DelegateRegistration"/>, <see cref="TransactionServiceSync"/>
    /// (run it on a schedule) and the queue as an <see cref="IDraftNonceSource"/> of the drafter. Everything is inert
    /// unless Signing:Mode is TransactionService. Replace <see cref="TransactionServicePolicy"/> before calling to tune retries.
    /// </summary>
    public static IServiceCollection AddTransactionService(this IServiceCollection services)
    {
        services.TryAddSingleton(new TransactionServicePolicy());
        services.TryAddSingleton<TransactionServiceClient>();
        services.TryAddSingleton<ProposerKey>();
        services.TryAddSingleton<ServiceProposer>();
        services.TryAddSingleton<ConfirmationForwarder>();
        services.TryAddSingleton<ServiceConfirmationPoller>();
        services.TryAddSingleton<TransactionServiceSync>();
        services.TryAddSingleton<DelegateRegistration>();
        services.TryAddSingleton<ServiceQueueNonces>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDraftNonceSource, ServiceQueueNonces>(
            provider => provider.GetRequiredService<ServiceQueueNonces>()));
        return services;
    }
}
