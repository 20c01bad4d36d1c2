using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;

namespace OssFunding.Worker.Cli;

/// <summary><c>migrate</c>: apply pending ledger migrations and exit. Needs only the Storage section.</summary>
internal static class MigrateCommand
{
    public static void AddTo(RootCommand root)
    {
        var migrate = new Command("migrate", "Create or upgrade the ledger database schema, then exit.");
        migrate.SetAction((parseResult, cancellationToken) =>
            CommandRunner.RunAsync(parseResult, requireSafeAddress: false, MigrateAsync, cancellationToken));
        root.Subcommands.Add(migrate);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> applied = await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? "ledger schema is up to date"
            : $"applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return ExitCodes.Done;
    }
}
