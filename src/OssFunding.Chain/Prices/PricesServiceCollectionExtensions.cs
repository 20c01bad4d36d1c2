using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain.Prices;

public static class PricesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PriceSources"/> (needs <see cref="Rpc.ChainRpc"/>, e.g. from <c>AddChainWatcher</c>). Binds
    /// <c>Prices</c> unless it is bound already (the worker binds it with its validator).
    /// </summary>
    public static IServiceCollection AddPrices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ServiceType == typeof(PriceSources)))
        {
            services.AddOptions<PricesOptions>().Bind(configuration.GetSection(PricesOptions.Section));
            services.TryAddSingleton<PriceSources>();
        }

        return services;
    }
}
