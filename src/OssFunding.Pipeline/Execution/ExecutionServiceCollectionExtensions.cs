using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Pipeline.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the optional executor: <see cref="Executor"/> (with its key, loaded when first resolved),
    /// <see cref="ExecutionChain"/>, <see cref="SubmissionTracker"/> with <see cref="FeeReplacement"/>, <see cref="ExecutionAlerts"/>, and
    /// <see cref="ExecutorStartupCheck"/> as an <see cref="IStartupCheck"/> (a no-op unless <c>Execution:Mode=Executor</c>).
    /// Binds the Execution section unless already bound. Call after <c>AddPipeline</c>.
    /// </summary>
    public static IServiceCollection AddPipelineExecution(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ImplementationInstance is NamedConfigureFromConfigurationOptions<ExecutionOptions>))
        {
            services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.Section));
        }

        services.TryAddSingleton(provider => ExecutorKey.Load(provider.GetRequiredService<IOptions<ExecutionOptions>>()));
        services.TryAddSingleton<ExecutionChain>();
        services.TryAddSingleton<SubmissionTracker>();
        services.TryAddSingleton<FeeReplacement>();
        services.TryAddSingleton<ExecutionAlerts>();
        services.TryAddSingleton<Executor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupCheck, ExecutorStartupCheck>());
        return services;
    }
}
