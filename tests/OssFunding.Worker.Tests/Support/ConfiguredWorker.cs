using System.Net;
using System.Text.Json;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// The real executable running <c>run</c> against the shared devnet with settings of the test's own (small rate
/// limits, trusted proxies), on its own ledger and port; for tests that must not share a worker with others.
/// </summary>
internal sealed class ConfiguredWorker : IAsyncDisposable
{
    private readonly WorkerSandbox _sandbox = new();
    private WorkerProcess? _process;

    private ConfiguredWorker()
    {
    }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public WorkerProcess Process => _process ?? throw new InvalidOperationException("not started");

    /// <summary>Starts the worker with <paramref name="settings"/> (environment names, <c>Section__Key</c>) and the test projects registered.</summary>
    public static async Task<ConfiguredWorker> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var worker = new ConfiguredWorker();
        try
        {
            await worker.InitializeAsync(settings);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(IReadOnlyDictionary<string, string> settings)
    {
        Client.BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        _sandbox.Environment["Api__Urls"] = Client.BaseAddress.ToString().TrimEnd('/');
        await _sandbox.UseSharedDevnetAsync();
        foreach ((string key, string value) in settings)
        {
            _sandbox.Environment[key] = value;
        }

        _process = WorkerProcess.Start(_sandbox.Directory, _sandbox.Environment, "run");
        await WaitUntilLiveAsync(_process, Client);
    }

    /// <summary>Registers the test projects (an admin write: it counts against the write limit).</summary>
    public async Task RegisterProjectsAsync()
    {
        using HttpResponseMessage projects = await Client.SendAsync(AsAdmin(Post("api/projects", TestData.ProjectsCsv(), "text/csv")));
        if (projects.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"registering test projects failed: {await projects.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Imports one allocation of <paramref name="amount"/> LPT (id from <paramref name="prefix"/>) and drafts now: the new transaction.</summary>
    public async Task<JsonElement> DraftAsync(string prefix, string amount)
    {
        await Json.ReadAsync(
            await Client.SendAsync(AsAdmin(Post("api/allocations", TestData.AllocationsCsv((TestData.NewId(prefix), amount)), "text/csv"))), HttpStatusCode.OK);
        return await Json.ReadAsync(await Client.SendAsync(AsAdmin(new HttpRequestMessage(HttpMethod.Post, "api/transactions/draft"))), HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.SendSigterm();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        _process?.Dispose();
        Client.Dispose();
        _sandbox.Dispose();
    }
}
