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
    private readonly bool ownServer;
    private string? folder;
    private string serverOptions = "";
    private bool serverRunning;
    private string adminConnectionString = "";

    public PostgresCluster()
        : this(ownServer: false)
    {
    }

    private PostgresCluster(bool ownServer) => this.ownServer = ownServer;

    /// <summary>
    /// A cluster of the caller's own, never the shared <c>OSSFUNDING_TEST_PG</c> server, for a test that stops and
    /// starts the server (<see cref="StopServerAsync"/>, <see cref="StartServerAsync"/>). Dispose it.
    /// </summary>
    public static async Task<PostgresCluster> StartOwnAsync()
    {
        var cluster = new PostgresCluster(ownServer: true);
        await cluster.InitializeAsync();
        return cluster;
    }

    public async Task InitializeAsync()
    {
        var external = ownServer ? null : Environment.GetEnvironmentVariable(EnvironmentVariable);
        adminConnectionString = string.IsNullOrWhiteSpace(external) ? await StartClusterAsync() : external;
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>, as a crash or a failover would): clients lose their connections.</summary>
    public async Task StopServerAsync()
    {
        await RunAsync(PgBinary("pg_ctl"), "-D", OwnDataFolder, "-m", "immediate", "-w", "stop");
        serverRunning = false;
    }

    /// <summary>Starts the stopped server again on the same port, with the same data.</summary>
    public async Task StartServerAsync()
    {
        await RunAsync(PgBinary("pg_ctl"), "-D", OwnDataFolder, "-l", Path.Combine(folder!, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start");
        serverRunning = true;
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
            if (serverRunning)
            {
                await RunAsync(PgBinary("pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");
            }

            Directory.Delete(folder, recursive: true);
            return;
        }

        if (adminConnectionString.Length > 0)
        {
            await DropDatabasesAsync();
        }
    }

    private string DataFolder => Path.Combine(folder!, "data");

    private string OwnDataFolder => folder is null
        ? throw new InvalidOperationException("Only a cluster started by this fixture can be stopped and started; use StartOwnAsync.")
        : DataFolder;

    private async Task<string> StartClusterAsync()
    {
        folder = Directory.CreateTempSubdirectory("ossfunding-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", folder);
        }

        await RunAsync(PgBinary("initdb"), "-D", DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        var port = FreePort();
        // Throwaway data, so no fsync; but a cluster of a test's own is stopped like a crash, and only synchronous commit
        // keeps what the worker was told is committed (asynchronous commit loses the last transactions on an immediate stop).
        serverOptions = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                        + (ownServer ? "" : " -c synchronous_commit=off");
        try
        {
            await StartServerAsync();
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
