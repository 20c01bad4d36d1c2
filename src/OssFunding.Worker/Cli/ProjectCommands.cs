using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Allocations;
using OssFunding.Core.Projects;
using OssFunding.Core.Storage;

namespace OssFunding.Worker.Cli;

/// <summary><c>projects import FILE [--dry-run]</c>: register projects, their recipient wallets and ownership proofs.</summary>
internal static class ProjectCommands
{
    public static void AddTo(RootCommand root)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Projects CSV with a header." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate every row, report, and write nothing." };
        var import = new Command("import", "Import the project registry atomically: every row or none.") { file, dryRun };
        import.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            parseResult,
            requireSafeAddress: false,
            (services, ct) => ImportAsync(services, parseResult.GetRequiredValue(file), parseResult.GetValue(dryRun), ct),
            cancellationToken));

        var projects = new Command("projects", "Manage the project registry.") { import };
        root.Subcommands.Add(projects);
    }

    private static async Task<int> ImportAsync(IServiceProvider services, FileInfo file, bool dryRun, CancellationToken cancellationToken)
    {
        await using FileStream? content = ImportReporting.OpenInput(file);
        if (content is null)
        {
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        ImportOutcome outcome = await services.GetRequiredService<IProjectRegistry>().ImportAsync(content, dryRun, cancellationToken);
        return ImportReporting.Report(outcome);
    }
}
