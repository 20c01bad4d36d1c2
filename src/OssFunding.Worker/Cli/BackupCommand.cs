using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>backup --out FILE</c>: a consistent copy of the SQLite ledger taken while the worker runs (see
/// <see cref="SqliteBackup"/>). A PostgreSQL ledger is refused with the <c>pg_dump</c> command to use instead.
/// </summary>
internal static class BackupCommand
{
    public static void AddTo(RootCommand root)
    {
        var output = new Option<FileInfo>("--out")
        {
            Description = "The copy to write: a new file in a writable folder (an existing file is never overwritten).",
            Required = true,
        };
        var backup = new Command("backup", "Copy the SQLite ledger consistently while the worker runs (VACUUM INTO), then print the copy's path, size and schema version.")
        {
            output,
        };
        backup.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            parseResult,
            requireSafeAddress: false,
            (services, ct) => BackupAsync(services, parseResult.GetRequiredValue(output), ct),
            cancellationToken));
        root.Subcommands.Add(backup);
    }

    private static async Task<int> BackupAsync(IServiceProvider services, FileInfo output, CancellationToken cancellationToken)
    {
        StorageOptions storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.Postgres)
        {
            await Console.Error.WriteLineAsync(PostgresRefusal(storage.ConnectionString, output.FullName));
            return ExitCodes.BadInput;
        }

        var backup = new SqliteBackup(services.GetRequiredService<LedgerDatabase>(), storage.ConnectionString);
        if ((backup.Refusal(output.FullName) ?? SqliteBackup.Claim(output.FullName)) is { } refusal)
        {
            await Console.Error.WriteLineAsync($"error: {refusal}");
            return ExitCodes.BadInput;
        }

        BackupCopy copy = await backup.CopyToAsync(output.FullName, cancellationToken);
        Console.WriteLine($"backup written: {copy.Path}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size: {copy.SizeBytes} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"schema version: {copy.SchemaVersion} ({copy.MigrationCount} migrations applied)"));
        return ExitCodes.Done;
    }

    /// <summary>
    /// The PostgreSQL ledger has its own consistent online dump; the hint names the configured server and database
    /// (never the password) so it can be pasted as is.
    /// </summary>
    private static string PostgresRefusal(string connectionString, string output)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        string command = string.Create(CultureInfo.InvariantCulture,
            $"pg_dump --host={settings.Host} --port={settings.Port} --username={settings.Username} --dbname={settings.Database} --format=custom --file={output}");
        return $"error: backup copies a SQLite ledger; with Storage:Provider=Postgres use pg_dump instead: {command}";
    }
}
