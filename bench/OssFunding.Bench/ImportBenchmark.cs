using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core;
using OssFunding.Core.Allocations;
using OssFunding.Core.Projects;
using OssFunding.Core.Storage;

/// <summary>
/// <c>import</c>: imports N valid allocations (default 10,000, CSV, registry check on) into a fresh SQLite file
/// through <see cref="IAllocationImporter"/>, and inserts the same rows into another fresh file with a bare
/// prepared INSERT loop in one transaction, in the same run. Prints both times and the ratio.
/// Exit code 3 when the import takes longer than 2 s. Options: --rows N
/// </summary>
internal static class ImportBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args is ["--rows", var text] && int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10_000;
        var data = ImportBenchmarkData.Create(rows);
        var folder = Directory.CreateTempSubdirectory("ossfunding-bench-").FullName;
        try
        {
            // Warm-up on a throwaway file so JIT and first-use costs are not counted in either figure.
            await TimeImportAsync(data.WithRows(50), Path.Combine(folder, "warmup.db"));
            await TimeBareInsertAsync(data.WithRows(50), Path.Combine(folder, "warmup-bare.db"));

            var import = await TimeImportAsync(data, Path.Combine(folder, "import.db"));
            var bare = await TimeBareInsertAsync(data, Path.Combine(folder, "bare.db"));
            Console.WriteLine("| rows | import (validate + budget + insert) | bare INSERT loop | ratio |");
            Console.WriteLine("|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {import.TotalMilliseconds:N0} ms | {bare.TotalMilliseconds:N0} ms | {import / bare:F1} |"));
            return import <= Target ? 0 : 3;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeImportAsync(ImportBenchmarkData data, string path)
    {
        await using var services = Ledger(path);
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        var projects = await services.GetRequiredService<IProjectRegistry>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(data.ProjectsCsv)), dryRun: false, CancellationToken.None);
        Require(projects);

        var watch = Stopwatch.StartNew();
        var outcome = await services.GetRequiredService<IAllocationImporter>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(data.AllocationsCsv)), ImportFormat.Csv, dryRun: false, CancellationToken.None);
        watch.Stop();
        Require(outcome);
        if (outcome.Added != data.Rows.Count)
        {
            throw new InvalidOperationException($"import added {outcome.Added} of {data.Rows.Count} rows");
        }

        return watch.Elapsed;
    }

    /// <summary>The floor: the same rows, one transaction, one prepared command, no validation.</summary>
    private static async Task<TimeSpan> TimeBareInsertAsync(ImportBenchmarkData data, string path)
    {
        await using (var services = Ledger(path))
        {
            await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        }

        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var audit = connection.CreateCommand())
        {
            audit.CommandText = "INSERT INTO imports (id, kind, format, file_sha256, imported_at, row_count, added, unchanged) VALUES ('bare', 'allocations', 'csv', '-', '2025-01-01T00:00:00.0000000Z', 0, 0, 0)";
            await audit.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO allocations (id, period, project, category, recipient, token, amount, approval_ref, memo, status, import_id, imported_at) " +
            "VALUES ($id, $period, $project, 'projects', $recipient, $token, $amount, $ref, $memo, 'Approved', 'bare', '2025-01-01T00:00:00.0000000Z')";
        var parameters = new[] { "$id", "$period", "$project", "$recipient", "$token", "$amount", "$ref", "$memo" }
            .Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
        insert.Prepare();
        foreach (var row in data.Rows)
        {
            string[] values = [row.Id, row.Period, row.Project, row.Recipient, row.Token, row.Amount, row.ApprovalRef, row.Memo];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        watch.Stop();
        return watch.Elapsed;
    }

    private static ServiceProvider Ledger(string path)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={path}",
            ["Safe:Address"] = ImportBenchmarkData.Safe,
            ["Tokens:LPT:Address"] = "0x289ba1701C2F088cf0faf8B3705246331cB8A839",
            ["Tokens:LPT:Decimals"] = "18",
            ["Tokens:USDC:Address"] = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831",
            ["Tokens:USDC:Decimals"] = "6",
            ["Budget:Cycles:0:Name"] = "2025",
            ["Budget:Cycles:0:FirstPeriod"] = "2025-01",
            ["Budget:Cycles:0:LastPeriod"] = "2025-12",
            ["Budget:Cycles:0:Caps:projects:LPT"] = "100000000",
            ["Budget:Cycles:0:Caps:projects:USDC"] = "100000000",
            ["Recipients:RequireRegistered"] = "true",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLedger(configuration).BuildServiceProvider();
    }

    private static void Require(ImportOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"benchmark data refused: {string.Join("; ", outcome.Errors.Take(5))}");
        }
    }
}
