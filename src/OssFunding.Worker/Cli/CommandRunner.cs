using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Hosting;

namespace OssFunding.Worker.Cli;

/// <summary>
/// The common frame of a CLI command: refuse unknown arguments, build the host, validate the whole configuration
/// (one line per problem, exit 1, nothing changed), run the body, and turn an unexpected error into exit 2.
/// </summary>
internal static class CommandRunner
{
    public delegate Task<int> CommandBody(IServiceProvider services, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(ParseResult parseResult, bool requireSafeAddress, CommandBody body, CancellationToken cancellationToken)
    {
        if (ReadOverrides(parseResult) is not { } overrides)
        {
            return ExitCodes.BadInput;
        }

        using IHost host = WorkerHost.BuildCommandHost(new HostNeeds(overrides, requireSafeAddress));
        if (!ConfigurationIsValid(host.Services))
        {
            return ExitCodes.BadInput;
        }

        try
        {
            return await body(host.Services, cancellationToken);
        }
        catch (Exception e)
        {
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OssFunding.Worker.Cli").LogError(e, "Command failed");
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Returns the <c>--Section:Key=value</c> overrides, or null after printing the unknown arguments.</summary>
    public static IReadOnlyList<string>? ReadOverrides(ParseResult parseResult)
    {
        IReadOnlyList<string> overrides = ConfigOverrides.Of(parseResult, out IReadOnlyList<string> unknown);
        foreach (string token in unknown)
        {
            Console.Error.WriteLine($"unknown argument '{token}' (configuration overrides are written --Section:Key=value)");
        }

        return unknown.Count == 0 ? overrides : null;
    }

    /// <summary>Prints one line per configuration problem to stderr; true when there is none.</summary>
    public static bool ConfigurationIsValid(IServiceProvider services)
    {
        IReadOnlyList<string> problems = services.GetRequiredService<ConfigurationValidation>().FindProblems();
        foreach (string problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        return problems.Count == 0;
    }
}
