using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using OssFunding.Core.Configuration;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;
using OssFunding.TransactionService.Tests.Fake;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>
/// Signing:Mode=TransactionService with the real worker binary as separate processes (issue 11 item 5), against the
/// fake service over loopback and a devnet of its own (a block a second) with the real Safe 1.4.1: an owner registers
/// the proposer as a delegate (<c>delegate register</c> prints the payload, Foundry's real <c>cast</c> signs it with the
/// owner's key, <c>delegate register --signature</c> posts it); <c>run</c> proposes the drafted transaction; three owners
/// confirm in the service as Safe{Wallet} posts confirmations (EIP-712 signatures of the SafeTx); the worker picks them
/// up, its executor executes, and every allocation ends Paid.
/// </summary>
public sealed class RealProcessServiceTests
{
    private const string AdminToken = "service-process-admin-token";
    private const string ExecutorKeyVariable = "OSSFUNDING_SERVICE_TEST_EXECUTOR_KEY";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_worker_process_is_registered_as_delegate_proposes_picks_up_Safe_Wallet_confirmations_executes_and_pays()
    {
        await using var chain = await DevnetChain.StartAsync();
        var world = await DevnetWorld.DeployAsync(chain, SafeVersion.V141);
        await chain.Rpc.SetIntervalMiningAsync(TimeSpan.FromSeconds(1));
        await using var fake = await FakeTransactionService.StartAsync(chain.RpcUrl, ServiceHarness.ApiKey, chain.ChainId);
        var folder = Directory.CreateTempSubdirectory("ossfunding-service-process-").FullName;
        try
        {
            var (environment, baseAddress) = await EnvironmentAsync(world, fake, folder);
            await RegisterDelegateWithCastAsync(world, fake, folder, environment);

            using var worker = WorkerProcess.Start(folder, environment, "run");
            using var api = await WaitLiveAsync(worker, baseAddress);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/allocations", new StringContent(Samples.June, Encoding.UTF8, "text/csv"))).Status);
            var (drafted, body) = await SendAsync(api, HttpMethod.Post, "api/transactions/draft");
            Assert.True(drafted == HttpStatusCode.Created, body);
            var safeTxHash = JsonNode.Parse(body)!["safeTxHash"]!.GetValue<string>();

            var proposed = await WaitForStatusAsync(api, worker, safeTxHash, "AwaitingSignatures");
            Assert.True(fake.Knows(safeTxHash));
            Assert.Equal(ServiceHarness.Proposer.Address, fake.Describe(safeTxHash)?.ProposedByDelegate);

            using var wallet = new ServiceCalls(fake.BaseUrl, ServiceHarness.ApiKey);
            foreach (var owner in world.Owners.Take(3))
            {
                var (confirmed, answer) = await wallet.ConfirmAsync(safeTxHash, Owners.SignTypedData(owner, proposed["typedData"]!.ToJsonString()));
                Assert.True(confirmed == HttpStatusCode.Created, answer?.ToJsonString());
            }

            var paid = await WaitForStatusAsync(api, worker, safeTxHash, "Confirmed");
            Assert.Equal(world.Owners.Take(3).Select(o => o.Address).Order(StringComparer.Ordinal),
                paid["signatures"]!.AsArray().Select(s => s!["owner"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.NotNull(paid["executionTxHash"]?.GetValue<string>());
            var (_, allocations) = await SendAsync(api, HttpMethod.Get, "api/allocations");
            Assert.Equal(["Paid"], JsonNode.Parse(allocations)!.AsArray().Select(a => a!["status"]!.GetValue<string>()).Distinct());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The owner's side of delegate registration, all with real processes: print, sign with cast, post.</summary>
    private static async Task RegisterDelegateWithCastAsync(DevnetWorld world, FakeTransactionService fake, string folder, Dictionary<string, string> environment)
    {
        var payload = Path.Combine(folder, "delegate.json");
        var printed = await RunCliAsync(folder, environment, "delegate", "register", "--out", payload);
        Assert.Contains($"cast wallet sign --data --from-file {payload} --ledger", printed, StringComparison.Ordinal);

        var owner = world.Owners[0];
        var signature = await Cast.SignTypedDataFileAsync(payload, owner.PrivateKey);
        var registered = await RunCliAsync(folder, environment, "delegate", "register", "--delegator", owner.Address, "--signature", signature);
        Assert.Contains($"registered: {ServiceHarness.Proposer.Address} is a delegate of owner {owner.Address}", registered, StringComparison.Ordinal);
        Assert.Contains((world.SafeAddress, ServiceHarness.Proposer.Address, owner.Address, "OssFunding.Worker proposer"), fake.Delegates);
    }

    /// <summary>The worker's settings as <c>Section__Key</c> environment variables, as an operator sets them.</summary>
    private static async Task<(Dictionary<string, string> Environment, Uri BaseAddress)> EnvironmentAsync(
        DevnetWorld world, FakeTransactionService fake, string folder)
    {
        var keyFile = Path.Combine(folder, "proposer.key");
        await File.WriteAllTextAsync(keyFile, ServiceHarness.Proposer.PrivateKey + "\n");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var settings = DevnetSettings.For(world, StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "ledger.db")}", 3);
        settings["Safe:MultiSendCallOnly"] = EthAddress.Normalize(world.Contracts.MultiSendCallOnly, "MultiSendCallOnly");
        settings["Chain:PollInterval"] = "00:00:01";
        settings["Signing:Mode"] = nameof(SigningMode.TransactionService);
        settings["Signing:BaseUrl"] = fake.BaseUrl;
        settings["Signing:ApiKey"] = ServiceHarness.ApiKey;
        settings["Signing:ProposerKeyFile"] = keyFile;
        settings["Execution:Mode"] = "Executor";
        settings["Execution:ExecutorKeyEnv"] = ExecutorKeyVariable;
        settings["Api:Urls"] = baseAddress.ToString().TrimEnd('/');
        settings["Api:AdminToken"] = AdminToken;
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");
        environment[ExecutorKeyVariable] = world.Deployer.PrivateKey;
        environment[DevnetDirectory.EnvironmentVariable] = RepositoryRoot.File("devnet");
        return (environment, baseAddress);
    }

    private static async Task<string> RunCliAsync(string folder, Dictionary<string, string> environment, params string[] args)
    {
        using var cli = WorkerProcess.Start(folder, environment, args);
        Assert.True(await cli.WaitForExitAsync(Timeout) == 0, $"{string.Join(' ', args)}:\n{cli.Output}");
        return cli.Output;
    }

    private static async Task<HttpClient> WaitLiveAsync(WorkerProcess worker, Uri baseAddress)
    {
        var api = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var deadline = DateTime.UtcNow + Timeout;
        while (!worker.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var live = await api.GetAsync(new Uri("health/live", UriKind.Relative));
                if (live.IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        api.Dispose();
        throw new InvalidOperationException($"worker not live:\n{worker.Output}");
    }

    private static async Task<JsonNode> WaitForStatusAsync(HttpClient api, WorkerProcess worker, string safeTxHash, string status)
    {
        var deadline = DateTime.UtcNow + Timeout;
        string last = "";
        while (DateTime.UtcNow < deadline && !worker.HasExited)
        {
            var (code, body) = await SendAsync(api, HttpMethod.Get, $"api/transactions/{safeTxHash}");
            last = body;
            if (code == HttpStatusCode.OK && JsonNode.Parse(body)!["status"]!.GetValue<string>() == status)
            {
                return JsonNode.Parse(body)!;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{safeTxHash} did not become {status}; last {last}\nworker output:\n{worker.Output}");
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient api, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
