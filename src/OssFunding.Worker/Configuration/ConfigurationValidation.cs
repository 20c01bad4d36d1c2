using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OssFunding.Worker.Configuration;

/// <summary>Checks one configuration section, returning its problems (one line each) instead of throwing at the first.</summary>
internal sealed record OptionsProbe(string Section, Func<IServiceProvider, IReadOnlyList<string>> FindProblems);

/// <summary>
/// Validates every options section before anything runs, so a start with bad configuration prints one line per
/// problem and changes nothing. Binding errors (text where a number belongs, an unknown enum name) are reported
/// per section too; the binder stops at the first in a section.
/// </summary>
internal sealed class ConfigurationValidation(IServiceProvider services, IEnumerable<OptionsProbe> probes)
{
    public IReadOnlyList<string> FindProblems() => probes.SelectMany(probe => probe.FindProblems(services)).ToList();

    public static OptionsProbe ProbeFor<TOptions>()
        where TOptions : class =>
        new(typeof(TOptions).Name, static services =>
        {
            try
            {
                _ = services.GetRequiredService<IOptions<TOptions>>().Value;
                return [];
            }
            catch (OptionsValidationException e)
            {
                return e.Failures.ToList();
            }
            catch (InvalidOperationException e)
            {
                return [e.Message];
            }
        });
}
