using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Logging;

/// <summary>A worker logging compact JSON (CLEF), whose log the tests read.</summary>
public sealed class JsonLoggingWorker : IAsyncLifetime
{
    private ConfiguredWorker? _worker;

    internal ConfiguredWorker Worker => _worker ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string> { ["Logging__Format"] = "Json" });

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }
}

/// <summary>
/// SPEC §14: a refused request is logged as what it was — its real status and reason, at Warning, no stack trace —
/// and the request log's status is the one the client got. Each request is found in the log by the trace id its
/// problem carries; every event of that request is checked.
/// </summary>
public sealed class RefusalLogTests(JsonLoggingWorker logging) : IClassFixture<JsonLoggingWorker>
{
    private ConfiguredWorker Worker => logging.Worker;

    [Fact]
    public async Task A_body_over_the_limit_with_a_length_is_logged_as_413_at_warning_without_a_stack_trace()
    {
        var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = AsAdmin(new HttpRequestMessage(HttpMethod.Post, "api/allocations") { Content = content });
        request.Headers.ExpectContinue = true;

        using HttpResponseMessage response = await Worker.Client.SendAsync(request);

        JsonElement problem = await Json.ReadProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertLoggedAsRefusalAsync(problem, "/api/allocations", 413, "Api:MaxBodyBytes");
    }

    [Fact]
    public async Task A_chunked_body_cut_off_at_the_limit_is_logged_as_413_at_warning_without_a_stack_trace()
    {
        (int status, string body) = await RawHttp.PostChunkedAsync(Worker.Client.BaseAddress!, "/api/projects", "text/csv", TestData.AdminToken, 20 * 1024 * 1024);

        Assert.Equal(413, status);
        // The body comes chunked: the problem is the JSON object inside the chunk framing.
        string json = body[body.IndexOf('{', StringComparison.Ordinal)..(body.LastIndexOf('}') + 1)];
        await AssertLoggedAsRefusalAsync(JsonDocument.Parse(json).RootElement, "/api/projects", 413, "Api:MaxBodyBytes");
    }

    [Fact]
    public async Task A_bad_query_value_is_logged_as_400_at_warning_with_its_reason()
    {
        using HttpResponseMessage response = await Worker.Client.GetAsync("api/alerts?limit=0");

        JsonElement problem = await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertLoggedAsRefusalAsync(problem, "/api/alerts", 400, "limit must be between 1 and");
    }

    [Fact]
    public async Task A_value_that_does_not_bind_is_logged_as_400_at_warning_without_a_stack_trace()
    {
        using HttpResponseMessage response = await Worker.Client.SendAsync(AsAdmin(Post("api/projects?dryRun=maybe", TestData.ProjectsCsv(), "text/csv")));

        JsonElement problem = await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertLoggedAsRefusalAsync(problem, "/api/projects", 400, "dryRun");
    }

    /// <summary>
    /// The request's log line says <paramref name="status"/> and the reason at Warning; no event of the request is an
    /// error or carries an exception.
    /// </summary>
    private async Task AssertLoggedAsRefusalAsync(JsonElement problem, string path, int status, string reason)
    {
        string traceId = problem.GetProperty("traceId").GetString()!.Split('-')[1];
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonElement> events;
        JsonElement? requestLine;
        do
        {
            events = EventsOf(traceId);
            requestLine = events.Cast<JsonElement?>().FirstOrDefault(e =>
                e!.Value.TryGetProperty("@mt", out JsonElement template) && template.GetString()!.StartsWith("HTTP {RequestMethod}", StringComparison.Ordinal));
            if (requestLine is null)
            {
                await Task.Delay(100);
            }
        }
        while (requestLine is null && DateTime.UtcNow < deadline);

        string log = string.Join("\n", events.Select(e => e.GetRawText()));
        Assert.True(requestLine is not null, $"no request log line for trace {traceId}; its events:\n{log}\nthe whole log:\n{Worker.Process.StandardOutput}");
        JsonElement line = requestLine.Value;
        Assert.Equal(path, line.GetProperty("RequestPath").GetString());
        Assert.Equal(status, line.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Warning", line.TryGetProperty("@l", out JsonElement level) ? level.GetString() : "Information");
        Assert.Contains(reason, line.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.TryGetProperty("@x", out _));
        Assert.DoesNotContain(events, e => e.TryGetProperty("@l", out JsonElement l) && l.GetString() is "Error" or "Fatal");
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    private List<JsonElement> EventsOf(string traceId) =>
        Worker.Process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Where(e => e.TryGetProperty("@tr", out JsonElement tr) && tr.GetString() == traceId)
            .ToList();
}
