using System.Diagnostics;
using Npgsql;
using OssFunding.TestSupport;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Backup;

[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;

/// <summary>
/// The PostgreSQL backup docs/operations.md prescribes: <c>pg_dump -Fc</c> of a ledger the worker migrated and
/// filled, <c>pg_restore</c> into a fresh database, and the worker reads it back with nothing left to migrate.
/// Like every PostgreSQL test it fails (never skips) when no server can be had (see <see cref="PostgresCluster"/>).
/// </summary>
[Collection(PostgresCluster.Collection)]
public sealed class PostgresDumpRestoreTests(PostgresCluster postgres)
{
    [Fact]
    public async Task A_pg_dump_restored_into_a_fresh_database_is_read_back_by_the_worker()
    {
        using var sandbox = new WorkerSandbox();
        sandbox.Environment["Storage__Provider"] = "Postgres";
        sandbox.Environment["Storage__ConnectionString"] = await postgres.CreateDatabaseAsync();
        string projects = sandbox.WriteFile("projects.csv", TestData.ProjectsCsv());
        string allocations = sandbox.WriteFile("allocations.csv", TestData.AllocationsCsv((TestData.NewId("pg"), "5"), (TestData.NewId("pg"), "2.5")));
        await RunWorkerAsync(sandbox, "migrate");
        await RunWorkerAsync(sandbox, "projects", "import", projects);
        Assert.Contains("2 added", await RunWorkerAsync(sandbox, "import", allocations), StringComparison.Ordinal);

        string dump = Path.Combine(sandbox.Directory, "ledger.dump");
        await RunPgToolAsync("pg_dump", "--format=custom", $"--file={dump}", LibpqUri(sandbox.Environment["Storage__ConnectionString"]));
        string restored = await postgres.CreateDatabaseAsync();
        await RunPgToolAsync("pg_restore", "--no-owner", "--exit-on-error", $"--dbname={LibpqUri(restored)}", dump);

        sandbox.Environment["Storage__ConnectionString"] = restored;
        Assert.Contains("ledger schema is up to date", await RunWorkerAsync(sandbox, "migrate"), StringComparison.Ordinal);
        Assert.Contains("nothing to do: all 2 rows already imported", await RunWorkerAsync(sandbox, "import", allocations), StringComparison.Ordinal);
        Assert.Contains("nothing to do: all 2 rows already imported", await RunWorkerAsync(sandbox, "projects", "import", projects), StringComparison.Ordinal);
    }

    private static async Task<string> RunWorkerAsync(WorkerSandbox sandbox, params string[] args)
    {
        (int exitCode, WorkerProcess process) = await sandbox.RunAsync(args);
        Assert.True(exitCode == 0, $"{string.Join(' ', args)} exited {exitCode}:\n{process.AllOutput}");
        return process.StandardOutput;
    }

    private static string LibpqUri(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{Uri.EscapeDataString(settings.Username ?? "postgres")}@{settings.Host}:{settings.Port}/{settings.Database}";
    }

    /// <summary>pg_dump/pg_restore from PG_BIN (set by scripts/postgres.sh), else the newest Debian install, else PATH.</summary>
    private static string PgTool(string name)
    {
        IEnumerable<string> folders = new[] { Environment.GetEnvironmentVariable("PG_BIN") ?? "" }
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
                : [])
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'));
        return folders.Where(f => f.Length > 0).Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} not found in PG_BIN, /usr/lib/postgresql/*/bin or PATH: run `source scripts/postgres.sh && pg_start`");
    }

    private static async Task RunPgToolAsync(string name, params string[] args)
    {
        var start = new ProcessStartInfo(PgTool(name)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{name} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
