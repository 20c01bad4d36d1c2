using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using OssFunding.TestSupport;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Fuzzing;

/// <summary>
/// JSON bodies from any caller, fuzzed against the real worker process (security issue item 6): a valid body with
/// pieces cut, added or replaced is accepted or refused with a 4xx problem that says why (status, title, detail); never
/// a 5xx, and a refusal leaves allocations, transactions and payments as they were. The worker runs with a write rate
/// limit high enough that the cases reach the endpoints instead of the limiter.
/// </summary>
public sealed class JsonBodyFuzzTests(JsonBodyFuzzTests.UnlimitedWorker fixture) : IClassFixture<JsonBodyFuzzTests.UnlimitedWorker>
{
    private const int Cases = 150;

    private static readonly string UnknownHash = "0x" + new string('7', 64);

    public static TheoryData<string> Endpoints => new() { "allocations", "offchain payment", "signature" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_mutated_body_is_accepted_or_refused_with_a_4xx_problem_and_changes_nothing(string endpoint)
    {
        var (path, valid, admin) = Target(endpoint);
        await fixture.Worker.Client.SendAsync(Send(path, valid, admin)); // the unmutated body once, so mutations meet existing rows

        var property = Prop.ForAll(TextMutations.Arbitrary(), mutation => CheckAsync(path, mutation.Apply(valid), admin).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    private async Task CheckAsync(string path, string body, bool admin)
    {
        var before = await LedgerAsync();
        using var response = await fixture.Worker.Client.SendAsync(Send(path, body, admin));
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{status} for {JsonSerializer.Serialize(body)}: {text}");
        if (status < 400)
        {
            return;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), text);
        Assert.Equal(before, await LedgerAsync());
    }

    private async Task<string> LedgerAsync()
    {
        var client = fixture.Worker.Client;
        return await client.GetStringAsync("api/allocations") + await client.GetStringAsync("api/transactions") + await client.GetStringAsync("api/payments");
    }

    private static (string Path, string Body, bool Admin) Target(string endpoint) => endpoint switch
    {
        "allocations" => ("api/allocations", Support.TestData.AllocationsJson("fuzz-1", "3"), true),
        "offchain payment" => ("api/payments/offchain",
            """{"allocationId":"fuzz-1","reference":"bank transfer 2025-03-04","evidenceUrl":"https://bank.example/statement/1","date":"2025-03-04"}""", true),
        "signature" => ($"api/transactions/{UnknownHash}/signatures", $$"""{"signature":"0x{{new string('a', 128)}}1b"}""", false),
        _ => throw new ArgumentException($"unknown endpoint '{endpoint}'", nameof(endpoint)),
    };

    private static HttpRequestMessage Send(string path, string body, bool admin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return admin ? AsAdmin(request) : request;
    }

    /// <summary>The running worker with a write limit no fuzzing run reaches.</summary>
    public sealed class UnlimitedWorker : IAsyncLifetime, IDisposable
    {
        public RunningWorker Worker { get; } = new();

        public Task InitializeAsync()
        {
            Worker.Sandbox.Environment["Api__RateLimits__Writes__PermitLimit"] = "1000000";
            return Worker.InitializeAsync();
        }

        public Task DisposeAsync() => Worker.DisposeAsync();

        public void Dispose() => Worker.Dispose();
    }
}
