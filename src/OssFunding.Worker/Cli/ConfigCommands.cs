using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Hosting;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>config check</c>: prints the effective configuration (secrets masked), then every problem. Exit 1 when a
/// problem would stop any command; settings only some commands need (Safe:Address) are listed as warnings.
/// </summary>
internal static class ConfigCommands
{
    public static void AddTo(RootCommand root)
    {
        var check = new Command("check", "Print the effective configuration with secrets masked, then validate it.");
        check.SetAction(Check);
        var config = new Command("config", "Inspect the configuration.");
        config.Subcommands.Add(check);
        root.Subcommands.Add(config);
    }

    private static int Check(ParseResult parseResult)
    {
        if (CommandRunner.ReadOverrides(parseResult) is not { } overrides)
        {
            return ExitCodes.BadInput;
        }

        using IHost host = WorkerHost.BuildCommandHost(new HostNeeds(overrides, RequireSafeAddress: false));
        Console.WriteLine(EffectiveConfiguration.ToMaskedJson(host.Services.GetRequiredService<IConfiguration>()));

        IReadOnlyList<string> problems = host.Services.GetRequiredService<ConfigurationValidation>().FindProblems();
        foreach (string problem in problems)
        {
            Console.WriteLine($"error: {problem}");
        }

        foreach (string warning in Warnings(host.Services, problems))
        {
            Console.WriteLine($"warning: {warning}");
        }

        Console.WriteLine(problems.Count == 0
            ? "configuration is valid"
            : $"configuration is invalid: {problems.Count} problem(s)");
        return problems.Count == 0 ? ExitCodes.Done : ExitCodes.BadInput;
    }

    private static IEnumerable<string> Warnings(IServiceProvider services, IReadOnlyList<string> problems)
    {
        if (problems.Any(p => p.StartsWith("Safe:", StringComparison.Ordinal)))
        {
            yield break;
        }

        if (string.IsNullOrEmpty(services.GetRequiredService<IOptions<SafeOptions>>().Value.Address))
        {
            yield return $"Safe:Address {SafeAddressRequiredValidator.Reason} (was empty); `run` and `import` will refuse to start";
        }
    }
}
