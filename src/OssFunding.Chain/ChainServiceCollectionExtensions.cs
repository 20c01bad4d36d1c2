using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain;

public static class ChainServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChainRpc"/> (failover over <c>Chain:RpcUrls</c>), <see cref="ChainWatcher"/> and
    /// <see cref="ChainMirrorReader"/> as singletons, binding <c>Chain</c> and <c>Safe</c>. Needs the ledger
    /// (<c>AddLedger</c>) for <c>LedgerDatabase</c>. Rewind hooks: register <see cref="IChainRewindListener"/>s.
    /// </summary>
    public static IServiceCollection AddChainWatcher(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ChainWatcher)))
        {
            return services; // already added: binding Chain again would duplicate Chain:RpcUrls
        }

        services.AddOptions<ChainOptions>().Bind(configuration.GetSection(ChainOptions.Section));
        services.AddOptions<SafeOptions>().Bind(configuration.GetSection(SafeOptions.Section));
        services.AddOptions<TokensOptions>().Bind(configuration.GetSection(TokensOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new RpcPolicy());
        services.TryAddSingleton<ChainRpc>();
        services.TryAddSingleton<CatchUpProgress>();
        services.TryAddSingleton<ChainWatcher>();
        services.TryAddSingleton<ChainMirrorReader>();
        services.TryAddSingleton<NonceRescanner>();
        return services;
    }
}
