using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Reports.Publishing;
using OssFunding.Worker.Logging;

namespace OssFunding.Worker.Configuration;

internal static class OptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds every section of SPEC §3 to its options class with a validator that collects all problems. Call it after
    /// <c>AddLedger</c>: sections the ledger already binds are not bound twice (binding a list twice appends to it).
    /// </summary>
    public static IServiceCollection AddWorkerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ChainOptions, ChainOptionsValidator>(configuration, ChainOptions.Section);
        services.AddValidatedOptions<SafeOptions, SafeOptionsValidator>(configuration, SafeOptions.Section);
        services.AddValidatedOptions<TokensOptions, TokensOptionsValidator>(configuration, TokensOptions.Section);
        services.AddValidatedOptions<BudgetOptions, BudgetOptionsValidator>(configuration, BudgetOptions.Section);
        services.AddValidatedOptions<PricesOptions, PricesOptionsValidator>(configuration, PricesOptions.Section);
        services.AddValidatedOptions<DraftingOptions, DraftingOptionsValidator>(configuration, DraftingOptions.Section);
        services.AddValidatedOptions<SigningOptions, SigningOptionsValidator>(configuration, SigningOptions.Section);
        services.AddValidatedOptions<ExecutionOptions, ExecutionOptionsValidator>(configuration, ExecutionOptions.Section);
        services.AddValidatedOptions<NotificationsOptions, NotificationsOptionsValidator>(configuration, NotificationsOptions.Section);
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.Section);
        services.AddValidatedOptions<LogFormatOptions, LogFormatOptionsValidator>(configuration, LogFormatOptions.Section);
        // AddReports binds this section too, but without a probe its problems would surface only when `run` starts.
        services.AddValidatedOptions<ReportsOptions, ReportsOptionsValidator>(configuration, ReportsOptions.Section);

        // Single booleans: binding (which refuses anything but true/false) is the only check they need.
        services.AddBoundOptions<RecipientsOptions>(configuration, RecipientsOptions.Section);
        services.AddBoundOptions<LinksOptions>(configuration, LinksOptions.Section);

        // A secret file named but unreadable (SecretFiles): reported with the sections' problems, so nothing starts.
        services.AddSingleton(new OptionsProbe("SecretFiles", _ => SecretFiles.Problems(configuration)));
        services.TryAddSingleton<ConfigurationValidation>();
        return services;
    }

    /// <summary>For commands that act for the Safe: an empty <c>Safe:Address</c> becomes a configuration error.</summary>
    public static IServiceCollection RequireSafeAddress(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SafeOptions>, SafeAddressRequiredValidator>());
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddBoundOptions<TOptions>(configuration, section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private static void AddBoundOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        OptionsBuilder<TOptions> options = services.AddOptions<TOptions>();
        if (!services.Any(d => d.ImplementationInstance is NamedConfigureFromConfigurationOptions<TOptions>))
        {
            options.Bind(configuration.GetSection(section));
        }

        options.ValidateOnStart();
        services.AddSingleton(ConfigurationValidation.ProbeFor<TOptions>());
    }
}
