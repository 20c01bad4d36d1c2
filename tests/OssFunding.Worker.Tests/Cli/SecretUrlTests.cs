using System.Net;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Cli;

/// <summary>
/// Issue 15 item 3: a credential inside a configured URL (userinfo, a provider key in the path or the query) is never
/// shown: not by <c>config check</c>, not in a refused value, not in the logs, status or metrics of a running worker.
/// SPEC §2 invariant 8 (secrets never appear).
/// </summary>
public sealed class SecretUrlTests : IDisposable
{
    private const string Password = "PASSWORD-7c1e";
    private const string PathKey = "SECRETKEY123456789012345";
    private const string LivePassword = "LIVEPASSWORD-93f2";
    private const string LivePathKey = "LIVEKEY9876543210fedcba";
    private const string QueryKey = "QUERYKEY-4b7d";

    private static readonly string[] Secrets = [Password, PathKey, LivePassword, LivePathKey, QueryKey];

    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Config_check_shows_rpc_and_service_urls_without_their_credentials()
    {
        _sandbox.Environment["Chain__RpcUrls__0"] = $"http://user:{Password}@host/";
        _sandbox.Environment["Chain__RpcUrls__1"] = $"https://arb-mainnet.example/v2/{PathKey}";
        // Unused in Local signing mode: refused, and the refusal repeats the value, masked.
        _sandbox.Environment["Signing__BaseUrl"] = $"https://tx.example/api?apikey={QueryKey}";

        (_, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using WorkerProcess finished = process;

        AssertNoSecret(process.AllOutput);
        int end = process.StandardOutput.IndexOf("\n}", StringComparison.Ordinal);
        Assert.True(end > 0, process.AllOutput);
        JsonElement config = JsonDocument.Parse(process.StandardOutput[..(end + 2)]).RootElement;
        JsonElement rpcUrls = config.GetProperty("Chain").GetProperty("RpcUrls");
        Assert.Equal("http://***@host/", rpcUrls[0].GetString());
        Assert.Equal("https://arb-mainnet.example/v2/***", rpcUrls[1].GetString());
        Assert.Equal("https://tx.example/api?apikey=***", config.GetProperty("Signing").GetProperty("BaseUrl").GetString());
        Assert.Contains("error: Signing:BaseUrl: is only used when", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("(was \"https://tx.example/api?apikey=***\")", process.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_on_rpc_urls_with_credentials_never_logs_or_shows_them()
    {
        await _sandbox.UseSharedDevnetAsync();
        var anvil = new Uri(_sandbox.Environment["Chain__RpcUrls__0"]);
        await using var provider = await KeyedRpcProxy.StartAsync(anvil, $"/v2/{LivePathKey}");
        // The first endpoint is down (calls fail over and are logged); the second is a provider with userinfo and a path key.
        _sandbox.Environment["Chain__RpcUrls__0"] = $"http://rpcuser:{Password}@127.0.0.1:{RunningWorker.FreeLoopbackPort()}/v2/{PathKey}?apikey={QueryKey}";
        _sandbox.Environment["Chain__RpcUrls__1"] = $"http://rpcuser:{LivePassword}@127.0.0.1:{provider.Port}/v2/{LivePathKey}";
        int port = RunningWorker.FreeLoopbackPort();
        _sandbox.Environment["Api__Urls"] = $"http://127.0.0.1:{port}";
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using WorkerProcess worker = WorkerProcess.Start(_sandbox.Directory, _sandbox.Environment, "run");
        await RunningWorker.WaitUntilLiveAsync(worker, client);
        using HttpResponseMessage status = await client.SendAsync(RunningWorker.AsAdmin(new HttpRequestMessage(HttpMethod.Get, "api/status")));
        string statusBody = await status.Content.ReadAsStringAsync();
        string metrics = await client.GetStringAsync("metrics");
        (int statusExit, WorkerProcess statusCommand) = await _sandbox.RunAsync("status");
        using WorkerProcess statusFinished = statusCommand;
        worker.SendSigterm();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)));

        // The worker did use the secret URL (so there was something to leak), and showed none of it.
        Assert.True(provider.Calls > 0, "the keyed provider was never called");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(statusExit == 0, statusCommand.AllOutput);
        AssertNoSecret(worker.AllOutput);
        AssertNoSecret(statusBody);
        AssertNoSecret(metrics);
        AssertNoSecret(statusCommand.AllOutput);
    }

    private static void AssertNoSecret(string text)
    {
        foreach (string secret in Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{secret} shown in:\n{text}");
        }
    }
}
