using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Support;

/// <summary>
/// One test's world: its own anvil (a block a second once the contracts are deployed, so finality advances), the real
/// Safe of <paramref name="version"/> with LPT/USDC, a temp folder with the SQLite ledger, and the worker's settings as
/// environment variables (exactly as an operator sets them). Workers started from it share the ledger, so a restart
/// after a crash finds what the killed one left.
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    public const int Confirmations = 3;
    public const string AdminToken = "end-to-end-admin-token";
    public const string ExecutorKeyVariable = "OSSFUNDING_E2E_EXECUTOR_KEY";

    private readonly List<WorkerProcess> workers = [];

    private Scenario(DevnetChain chain, DevnetWorld world, string folder)
    {
        Chain = chain;
        World = world;
        Folder = folder;
    }

    public DevnetChain Chain { get; }

    public DevnetWorld World { get; }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "ledger.db");

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<Scenario> StartAsync(SafeVersion version)
    {
        var chain = await DevnetChain.StartAsync();
        try
        {
            var world = await DevnetWorld.DeployAsync(chain, version);
            await chain.Rpc.SetIntervalMiningAsync(TimeSpan.FromSeconds(1));
            return new Scenario(chain, world, Directory.CreateTempSubdirectory("ossfunding-e2e-").FullName);
        }
        catch
        {
            await chain.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings of SPEC §3 for this world, as <c>Section__Key</c> environment variables.</summary>
    public Dictionary<string, string> Environment(bool executor, string? failPoint = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = $"Data Source={DatabasePath}",
            ["Chain__ChainId"] = Chain.ChainId.ToString(CultureInfo.InvariantCulture),
            ["Chain__RpcUrls__0"] = Chain.RpcUrl,
            ["Chain__Finality"] = "Confirmations",
            ["Chain__Confirmations"] = Confirmations.ToString(CultureInfo.InvariantCulture),
            ["Chain__PollInterval"] = "00:00:01",
            ["Chain__StartBlock"] = "0",
            ["Safe__Address"] = World.SafeAddress,
            ["Safe__MultiSendCallOnly"] = EthAddress.Normalize(World.Contracts.MultiSendCallOnly, "MultiSendCallOnly"),
            ["Tokens__LPT__Address"] = World.Lpt.Address,
            ["Tokens__USDC__Address"] = World.Usdc.Address,
            ["Api__Urls"] = BaseAddress.ToString().TrimEnd('/'),
            ["Api__AdminToken"] = AdminToken,
            ["Execution__Mode"] = executor ? "Executor" : "None",
            ["OSSFUNDING_DEVNET_DIR"] = RepositoryRoot.File("devnet"),
        };
        if (executor)
        {
            environment["Execution__ExecutorKeyEnv"] = ExecutorKeyVariable;
            environment[ExecutorKeyVariable] = World.Deployer.PrivateKey;
        }

        if (failPoint is not null)
        {
            environment["Testing__FailPoint"] = failPoint;
            environment["DOTNET_ENVIRONMENT"] = "Development"; // the only environment that accepts a failpoint
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Starts <c>run</c> and waits until <c>/health/live</c> answers.</summary>
    public async Task<(WorkerProcess Process, WorkerApi Api)> StartWorkerAsync(IReadOnlyDictionary<string, string> environment)
    {
        var worker = WorkerProcess.Start(Folder, environment, "run");
        workers.Add(worker);
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (worker.HasExited)
            {
                throw new InvalidOperationException($"worker exited during start:\n{worker.Output}");
            }

            try
            {
                using var live = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                if (live.IsSuccessStatusCode)
                {
                    return (worker, new WorkerApi(client));
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"worker not live after 60 s:\n{worker.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            worker.Dispose();
        }

        await Chain.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process killed a moment ago may still hold the database; the temp folder is reclaimed anyway.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
