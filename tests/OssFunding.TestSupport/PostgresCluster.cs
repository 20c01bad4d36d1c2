using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace OssFunding.TestSupport;

/// <summary>
/// A real PostgreSQL server for tests. Uses the server in <c>OSSFUNDING_TEST_PG</c> (an admin connection string)
/// when set; otherwise starts a throwaway cluster (initdb + pg_ctl, as user <c>postgres</c> when running as root,
/// since initdb refuses root) in a temporary folder on a free 127.0.0.1 port, and stops and removes it on dispose.
/// When it cannot start, it throws: tests that need PostgreSQL fail rather than skip.
/// Use as an xunit collection fixture: declare <c>[CollectionDefinition(PostgresCluster.Collection)] class X :
/// ICollectionFixture&lt;PostgresCluster&gt;</c> in the test assembly, then <see cref="CreateDatabaseAsync"/> per test class.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string Collection = "PostgreSQL";
    public const string EnvironmentVariable = "OSSFUNDING_TEST_PG";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly List<string> databases = [];
    private string? folder;
    private string adminConnectionString = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        adminConnectionString = string.IsNullOrWhiteSpace(external) ? await StartClusterAsync() : external;
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"ossfunding_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (databases)
        {
            databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (folder is not null)
        {
            await RunAsync(PgBinary("pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");
            Directory.Delete(folder, recursive: true);
            return;
        }

        if (adminConnectionString.Length > 0)
        {
            await DropDatabasesAsync();
        }
    }

    private string DataFolder => Path.Combine(folder!, "data");

    private async Task<string> StartClusterAsync()
    {
        folder = Directory.CreateTempSubdirectory("ossfunding-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", folder);
        }

        await RunAsync(PgBinary("initdb"), "-D", DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        var port = FreePort();
        var serverOptions = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        try
        {
            await RunAsync(PgBinary("pg_ctl"), "-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start");
        }
        catch (InvalidOperationException exception)
        {
            var log = Path.Combine(folder, "server.log");
            throw new InvalidOperationException($"{exception.Message}\nserver.log:\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(none)")}", exception);
        }

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private async Task DropDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string PgBinary(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/local/bin")
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException($"PostgreSQL's {name} was not found on PATH or in /usr/local/bin; set {EnvironmentVariable} to use a running server");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL tool (as user postgres when we are root) and throws with its output when it fails.</summary>
    private static async Task RunAsync(string program, params string[] arguments)
    {
        var asPostgres = IsRoot && program != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {CommandTimeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
