using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssFunding.Chain;
using OssFunding.Chain.Mirror;
using OssFunding.Core;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Cancellation;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Testing;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the disbursement pipeline as singletons: <see cref="Drafter"/>, <see cref="SignatureCollector"/>,
    /// <see cref="LocalSigner"/>, <see cref="ChainApprovals"/>, <see cref="Confirmer"/>, the rewind hook
    /// (<see cref="PipelineRewindListener"/> as an <see cref="IChainRewindListener"/>), the read side
    /// (<see cref="TransactionQueries"/>, <see cref="NoticeQueries"/>), the <see cref="NoticeOutbox"/>, the
    /// <see cref="WatcherStallAlert"/> and <see cref="FailPoints"/>. Adds the ledger (<c>AddLedger</c>) and the chain watcher
    /// (<c>AddChainWatcher</c>) it builds on, and binds the Drafting and Signing sections.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(Drafter)))
        {
            return services; // already added (the host and other features both call it): bind the sections once
        }

        services.AddLedger(configuration);
        services.AddChainWatcher(configuration);
        services.AddOptions<DraftingOptions>().Bind(configuration.GetSection(DraftingOptions.Section));
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section));

        services.TryAddSingleton(provider => new TokenUnits(provider.GetRequiredService<IOptions<TokensOptions>>().Value));
        services.TryAddSingleton<SafeChainReader>();
        services.TryAddSingleton<RpcSignatureChainReader>();
        services.TryAddSingleton<PaymentBatchBuilder>();
        services.TryAddSingleton<NoticeOutbox>();
        services.TryAddSingleton<NoticePayloads>();
        services.TryAddSingleton<NoticeQueries>();
        services.TryAddSingleton<WatcherStallAlert>();
        services.TryAddSingleton<TransactionQueries>();
        services.TryAddSingleton<TransactionReviews>();
        services.TryAddSingleton<LedgerScope>();
        services.TryAddSingleton(provider => new FailPoints(configuration, provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FailPoints>>()));

        services.TryAddSingleton<Drafter>();
        services.TryAddSingleton<SignatureLedger>();
        services.TryAddSingleton<SignatureCollector>();
        services.TryAddSingleton<LocalSigner>();
        services.TryAddSingleton<ChainApprovals>();
        services.TryAddSingleton<TransactionDerivation>();
        services.TryAddSingleton<OutflowClassifier>();
        services.TryAddSingleton<Confirmer>();
        services.TryAddSingleton<OperatorCancel>();
        services.TryAddSingleton<PipelineRewindListener>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChainRewindListener, PipelineRewindListener>(
            provider => provider.GetRequiredService<PipelineRewindListener>()));
        return services;
    }
}
