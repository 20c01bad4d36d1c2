using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Transactions;
using OssFunding.Worker.Hosting;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>run</c> (also what no command does): validate, check, migrate, refuse a ledger with live transactions of another
/// Safe or chain, then serve until SIGTERM.
/// </summary>
internal static class RunCommand
{
    public static void AddTo(RootCommand root)
    {
        var run = new Command("run", "Run the worker: HTTP API, health, metrics and scheduled jobs (the default when no command is given).");
        run.SetAction(RunAsync);
        root.Subcommands.Add(run);
        root.SetAction(RunAsync);
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (CommandRunner.ReadOverrides(parseResult) is not { } overrides)
        {
            return ExitCodes.BadInput;
        }

        await using WebApplication app = WorkerHost.BuildServer(new HostNeeds(overrides, RequireSafeAddress: true));
        if (await PrepareAsync(app, cancellationToken) is { } refused)
        {
            return refused;
        }

        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OssFunding.Worker");
        try
        {
            // Returns after SIGTERM/SIGINT once the host has stopped: in-flight requests and jobs finish first.
            await app.RunAsync();
            logger.LogInformation("Stopped cleanly");
            return ExitCodes.Done;
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Worker failed");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Everything <c>run</c> does before serving: validate the configuration, run the startup checks against the chain,
    /// migrate the ledger, refuse live transactions of another Safe or chain. Returns null when the server may start, else the exit code (problems already printed).
    /// Also used by <c>demo</c>, which runs the same server in-process.
    /// </summary>
    public static async Task<int?> PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        if (!CommandRunner.ConfigurationIsValid(app.Services) || !await StartupChecksPassAsync(app.Services, cancellationToken))
        {
            return ExitCodes.BadInput;
        }

        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OssFunding.Worker");
        try
        {
            IReadOnlyList<string> applied = await app.Services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
            logger.LogInformation("Ledger schema ready ({AppliedCount} migrations applied now)", applied.Count);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Ledger migration failed");
            await Console.Error.WriteLineAsync($"error: ledger migration failed: {e.Message}");
            return ExitCodes.Failure;
        }

        IReadOnlyList<string> foreign = await app.Services.GetRequiredService<LedgerScope>().FindForeignLiveTransactionsAsync(cancellationToken);
        foreach (string problem in foreign)
        {
            await Console.Error.WriteLineAsync(problem);
        }

        return foreign.Count == 0 ? null : ExitCodes.BadInput;
    }

    private static async Task<bool> StartupChecksPassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (IStartupCheck check in services.GetServices<IStartupCheck>())
        {
            problems.AddRange(await check.FindProblemsAsync(cancellationToken));
        }

        foreach (string problem in problems)
        {
            await Console.Error.WriteLineAsync(problem);
        }

        return problems.Count == 0;
    }
}
