using System.Net;
using System.Net.Http.Headers;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

/// <summary>A worker with Api:ReadToken set and no Api:AdminToken: reads need a token, writes are off.</summary>
public sealed class ReadTokenAndDisabledWritesTests : IAsyncLifetime, IDisposable
{
    private readonly WorkerSandbox _sandbox = new();
    private readonly HttpClient _client = new();
    private WorkerProcess? _process;

    public void Dispose()
    {
        _process?.Dispose();
        _client.Dispose();
        _sandbox.Dispose();
    }

    public async Task InitializeAsync()
    {
        _client.BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        _sandbox.Environment["Api__Urls"] = _client.BaseAddress.ToString().TrimEnd('/');
        _sandbox.Environment["Api__AdminToken"] = "";
        _sandbox.Environment["Api__ReadToken"] = TestData.ReadToken;
        await _sandbox.UseSharedDevnetAsync();
        _process = WorkerProcess.Start(_sandbox.Directory, _sandbox.Environment, "run");
        await WaitUntilLiveAsync(_process, _client);
    }

    public async Task DisposeAsync()
    {
        _process!.SendSigterm();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Writes_are_refused_with_a_message_saying_they_are_disabled()
    {
        HttpRequestMessage request = Post("api/projects", TestData.ProjectsCsv(), "text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestData.AdminToken);

        using HttpResponseMessage response = await _client.SendAsync(request);

        var problem = await Json.ReadProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Api:AdminToken is not set", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await LedgerSnapshot.ProjectsAsync(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task Reads_need_the_read_token()
    {
        using HttpResponseMessage anonymous = await _client.GetAsync("api/status");
        await Json.ReadProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        var wrong = new HttpRequestMessage(HttpMethod.Get, "api/allocations");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-read-token-at-all");
        await Json.ReadProblemAsync(await _client.SendAsync(wrong), HttpStatusCode.Forbidden);

        var right = new HttpRequestMessage(HttpMethod.Get, "api/allocations");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestData.ReadToken);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task The_index_page_keeps_the_transaction_list_private()
    {
        using HttpResponseMessage index = await _client.GetAsync("");
        string html = await index.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("The list is private on this worker (Api:ReadToken is set)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/sign/0x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_metrics_stay_open_for_probes_and_scrapers()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("metrics")).StatusCode);
    }
}
