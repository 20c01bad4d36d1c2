using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;
using OssFunding.Worker.Cli;
using OssFunding.Worker.Hosting;

namespace OssFunding.Worker.Demo;

/// <summary>
/// The real worker server (<see cref="WorkerHost.BuildServer"/>, the same checks and migrations as <c>run</c>, the same
/// Quartz jobs) started in-process against the devnet, with a throwaway configuration: a SQLite ledger in the demo's
/// folder, the devnet Safe and tokens, 3 confirmations, a 1 s poll, the executor with the devnet deployer's key (not an
/// owner) in an environment variable, and a random admin token.
/// </summary>
internal sealed class DemoWorker : IAsyncDisposable
{
    public const string ExecutorKeyVariable = "OSSFUNDING_DEMO_EXECUTOR_KEY";
    public const int Confirmations = 3;

    private readonly WebApplication app;

    private DemoWorker(WebApplication app, Uri baseAddress, string adminToken, IReadOnlyList<string> settings)
    {
        this.app = app;
        Settings = settings;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    /// <summary>The API as an admin (the same requests an operator or a signer's tool makes).</summary>
    public HttpClient Client { get; }

    /// <summary>The running worker's services (the demo writes its report through them).</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The configuration overrides the worker runs with (the admin token masked).</summary>
    public IReadOnlyList<string> Settings { get; }

    public static async Task<DemoWorker> StartAsync(
        DevnetWorld world, string folder, IReadOnlyList<string> extraOverrides, CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable(ExecutorKeyVariable, world.Deployer.PrivateKey);
        var port = FreePort();
        var adminToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "ledger.db")}",
            ["Chain:ChainId"] = world.Chain.ChainId.ToString(CultureInfo.InvariantCulture),
            ["Chain:RpcUrls:0"] = world.Chain.RpcUrl,
            // The devnet serves chain id 42161, whose default is the finalized tag (64 blocks back on anvil): count instead.
            ["Chain:Finality"] = "Confirmations",
            ["Chain:Confirmations"] = Confirmations.ToString(CultureInfo.InvariantCulture),
            ["Chain:PollInterval"] = "00:00:01",
            // Block 0 carries the wall-clock time, not the demo month's (see DemoRun.ChainStart); the Safe comes later anyway.
            ["Chain:StartBlock"] = "1",
            ["Safe:Address"] = world.SafeAddress,
            ["Safe:MultiSendCallOnly"] = EthAddress.Normalize(world.Contracts.MultiSendCallOnly, "MultiSendCallOnly"),
            ["Tokens:LPT:Address"] = world.Lpt.Address,
            ["Tokens:USDC:Address"] = world.Usdc.Address,
            ["Execution:Mode"] = "Executor",
            ["Execution:ExecutorKeyEnv"] = ExecutorKeyVariable,
            ["Api:Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Api:AdminToken"] = adminToken,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        var overrides = settings.Select(pair => $"--{pair.Key}={pair.Value}").Concat(extraOverrides).ToList();
        await File.WriteAllLinesAsync(Path.Combine(folder, "demo-settings.txt"),
            overrides.Select(line => line.StartsWith("--Api:AdminToken=", StringComparison.Ordinal) ? "--Api:AdminToken=***" : line), cancellationToken);

        var app = WorkerHost.BuildServer(new HostNeeds(overrides, RequireSafeAddress: true));
        if (await RunCommand.PrepareAsync(app, cancellationToken) is { } refused)
        {
            await app.DisposeAsync();
            throw new DemoException($"the worker refused to start (exit code {refused}); see the lines above.");
        }

        await app.StartAsync(cancellationToken);
        return new DemoWorker(app, new Uri($"http://127.0.0.1:{port}/"), adminToken, overrides);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        Environment.SetEnvironmentVariable(ExecutorKeyVariable, null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
