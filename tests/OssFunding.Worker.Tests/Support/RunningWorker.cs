using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// The real executable running <c>run</c> on a free loopback port, with the test projects registered.
/// Shared by the API tests through a collection fixture; each test uses its own allocation ids.
/// </summary>
public sealed class RunningWorker : IAsyncLifetime, IDisposable
{
    private readonly WorkerSandbox _sandbox = new();
    private WorkerProcess? _process;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress { get; private set; } = null!;

    internal WorkerProcess Process => _process ?? throw new InvalidOperationException("not started");

    internal WorkerSandbox Sandbox => _sandbox;

    public async Task InitializeAsync()
    {
        int port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Client.BaseAddress = BaseAddress;
        _sandbox.Environment["Api__Urls"] = BaseAddress.ToString().TrimEnd('/');
        await _sandbox.UseSharedDevnetAsync();
        _process = WorkerProcess.Start(_sandbox.Directory, _sandbox.Environment, "run");
        await WaitUntilLiveAsync(_process, Client);

        using HttpResponseMessage projects = await Client.SendAsync(AsAdmin(Post("api/projects", TestData.ProjectsCsv(), "text/csv")));
        if (projects.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"registering test projects failed: {await projects.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.SendSigterm();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        Client.Dispose();
        _sandbox.Dispose();
    }

    public static HttpRequestMessage Post(string path, string body, string contentType) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    public static HttpRequestMessage AsAdmin(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestData.AdminToken);
        return request;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitUntilLiveAsync(WorkerProcess process, HttpClient client)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"worker exited during start:\n{process.AllOutput}");
            }

            try
            {
                using HttpResponseMessage live = await client.GetAsync(new Uri(client.BaseAddress!, "health/live"));
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"worker not live after 60 s:\n{process.AllOutput}");
    }
}

[CollectionDefinition(Name)]
public sealed class RunningWorkerCollection : ICollectionFixture<RunningWorker>
{
    public const string Name = "running worker";
}
