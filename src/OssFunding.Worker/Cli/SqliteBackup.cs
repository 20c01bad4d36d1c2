using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OssFunding.Core.Storage;

namespace OssFunding.Worker.Cli;

/// <summary>What <c>backup</c> wrote: the copy's full path, its size and the last migration recorded in it.</summary>
internal sealed record BackupCopy(string Path, long SizeBytes, string SchemaVersion, int MigrationCount);

/// <summary>
/// Copies the SQLite ledger with <c>VACUUM INTO</c>: one read transaction, so the copy is a consistent snapshot
/// (WAL included) while the running worker keeps reading and writing.
/// </summary>
internal sealed class SqliteBackup(LedgerDatabase ledger, string connectionString)
{
    private readonly string _ledgerPath = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>Why the copy cannot be made (one line), or null. Checked before anything is written.</summary>
    public string? Refusal(string output)
    {
        if (!File.Exists(_ledgerPath))
        {
            return $"the ledger {_ledgerPath} (Storage:ConnectionString) does not exist: nothing to back up";
        }

        if (File.Exists(output) || Directory.Exists(output))
        {
            return $"{output} already exists; backup never overwrites: choose a new file name";
        }

        string folder = Path.GetDirectoryName(output)!;
        return Directory.Exists(folder) ? null : $"the folder {folder} of --out does not exist";
    }

    /// <summary>Copies the ledger into <paramref name="output"/>, which <see cref="Claim"/> created.</summary>
    public async Task<BackupCopy> CopyToAsync(string output, CancellationToken cancellationToken)
    {
        try
        {
            await VacuumIntoAsync(output, cancellationToken);
            return await DescribeAsync(output, cancellationToken);
        }
        catch
        {
            // Only the file this command created: never leave a half-written copy that looks like a backup.
            File.Delete(output);
            throw;
        }
    }

    /// <summary>
    /// Creates the empty output file, or says why it cannot. CreateNew claims the name atomically (no overwrite even
    /// if another process races us) and proves the folder writable; VACUUM INTO accepts an empty target file.
    /// </summary>
    public static string? Claim(string output)
    {
        try
        {
            using var claim = new FileStream(output, FileMode.CreateNew, FileAccess.Write);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"the folder {Path.GetDirectoryName(output)} of --out is not writable";
        }
        catch (IOException e) when (File.Exists(output))
        {
            return $"{output} already exists; backup never overwrites: choose a new file name ({e.Message})";
        }
        catch (IOException e)
        {
            return $"cannot create {output}: {e.Message}";
        }
    }

    private async Task VacuumIntoAsync(string output, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await ledger.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @output", new { output }, cancellationToken: cancellationToken));
    }

    /// <summary>Reads the copy itself (read-only), so what is printed is what a restore would get.</summary>
    private static async Task<BackupCopy> DescribeAsync(string output, CancellationToken cancellationToken)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = output, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var copy = new SqliteConnection(readOnly.ToString());
        await copy.OpenAsync(cancellationToken);
        string integrity = await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check") ?? "";
        if (integrity != "ok")
        {
            throw new InvalidOperationException($"the copy {output} failed PRAGMA integrity_check: {integrity}");
        }

        var journal = (await copy.QueryAsync<string>(
            "SELECT ScriptName FROM schema_versions ORDER BY SchemaVersionID")).ToList();
        if (journal.Count == 0)
        {
            throw new InvalidOperationException("the ledger has no applied migrations (run migrate first); no backup was kept");
        }

        return new BackupCopy(output, new FileInfo(output).Length, journal[^1], journal.Count);
    }
}
