using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Allocations;
using OssFunding.Core.Storage;

namespace OssFunding.Worker.Cli;

/// <summary><c>import FILE [--dry-run]</c>: import approved allocations from CSV, or JSON when the file ends in .json.</summary>
internal static class AllocationCommands
{
    public static void AddTo(RootCommand root)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Allocations file: CSV with a header, or a JSON array (*.json)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate every row and the budget, report, and write nothing." };
        var import = new Command("import", "Import approved allocations atomically: every row or none.") { file, dryRun };
        import.SetAction((parseResult, cancellationToken) =>
        {
            bool isDryRun = parseResult.GetValue(dryRun);
            // A real import must know the Safe to refuse it as a recipient; a dry run is a check that can run earlier.
            return CommandRunner.RunAsync(
                parseResult,
                requireSafeAddress: !isDryRun,
                (services, ct) => ImportAsync(services, parseResult.GetRequiredValue(file), isDryRun, ct),
                cancellationToken);
        });
        root.Subcommands.Add(import);
    }

    private static async Task<int> ImportAsync(IServiceProvider services, FileInfo file, bool dryRun, CancellationToken cancellationToken)
    {
        await using FileStream? content = ImportReporting.OpenInput(file);
        if (content is null)
        {
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        ImportFormat format = file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json : ImportFormat.Csv;
        ImportOutcome outcome = await services.GetRequiredService<IAllocationImporter>().ImportAsync(content, format, dryRun, cancellationToken);
        return ImportReporting.Report(outcome);
    }
}
