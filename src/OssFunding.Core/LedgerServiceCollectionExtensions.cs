using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssFunding.Core.Allocations;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Projects;
using OssFunding.Core.Storage;

namespace OssFunding.Core;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ledger: <see cref="ILedgerMigrator"/>, <see cref="IAllocationImporter"/>, <see cref="IAllocationStore"/>,
    /// <see cref="IProjectRegistry"/>, <see cref="IBudgetQueries"/>, and <see cref="LedgerDatabase"/>, <see cref="BudgetPlan"/>
    /// and <see cref="RecipientRules"/> for other features. Binds the Storage, Safe, Tokens, Budget and Recipients sections.
    /// Migrations are not applied here: call <see cref="ILedgerMigrator.MigrateAsync"/> at start and from <c>migrate</c>.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(LedgerDatabase)))
        {
            return services; // already added (e.g. by AddPipeline): binding the sections again would duplicate list entries
        }

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<SafeOptions>().Bind(configuration.GetSection(SafeOptions.Section));
        services.AddOptions<TokensOptions>().Bind(configuration.GetSection(TokensOptions.Section));
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.Section));
        services.AddOptions<RecipientsOptions>().Bind(configuration.GetSection(RecipientsOptions.Section));
        services.AddOptions<LinksOptions>().Bind(configuration.GetSection(LinksOptions.Section));

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LedgerDatabase>();
        services.TryAddSingleton(provider => new BudgetPlan(provider.GetRequiredService<IOptions<BudgetOptions>>().Value));
        services.TryAddSingleton<RecipientRules>();

        services.TryAddSingleton<ILedgerMigrator, LedgerMigrator>();
        services.TryAddSingleton<AllocationValidator>();
        services.TryAddSingleton<RegisteredRecipientCheck>();
        services.TryAddSingleton<BudgetGuard>();
        services.TryAddSingleton<IAllocationImporter, AllocationImporter>();
        services.TryAddSingleton<IAllocationStore, AllocationStore>();
        services.TryAddSingleton<ProjectValidator>();
        services.TryAddSingleton<IProjectRegistry, ProjectRegistry>();
        services.TryAddSingleton<IBudgetQueries, BudgetQueries>();
        return services;
    }
}
