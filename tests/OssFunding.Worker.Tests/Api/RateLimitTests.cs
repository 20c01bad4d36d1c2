using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

/// <summary>
/// SPEC §7: every write is rate limited per client address (429 with Retry-After and a problem naming the limit),
/// refused tokens are limited more tightly, and X-Forwarded-For names the client only behind a trusted proxy.
/// Each test runs its own worker with small limits.
/// </summary>
public sealed class RateLimitTests
{
    private const string UnknownHash = "0x1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>Well-formed (65 bytes of hex): the unknown hash makes it a 404, which spends a write permit.</summary>
    private static readonly string SignatureBody = JsonSerializer.Serialize(new { signature = "0x" + new string('a', 130) });

    [Fact]
    public async Task Writes_over_the_limit_get_429_with_retry_after_and_a_problem_naming_the_limit_signatures_included()
    {
        await using ConfiguredWorker worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string>
        {
            ["Api__RateLimits__Writes__PermitLimit"] = "3",
            ["Api__RateLimits__Writes__WindowSeconds"] = "120",
        });

        // The token-free signature endpoint spends permits like any write (404: no such transaction).
        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash), HttpStatusCode.NotFound);
        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash), HttpStatusCode.NotFound);
        using (HttpResponseMessage admin = await worker.Client.SendAsync(AsAdmin(Post("api/projects", TestData.ProjectsCsv(), "text/csv"))))
        {
            await Json.ReadAsync(admin, HttpStatusCode.OK);
        }

        using HttpResponseMessage refused = await PostSignatureAsync(worker.Client, UnknownHash);
        JsonElement problem = await Json.ReadProblemAsync(refused, (HttpStatusCode)429);
        int retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 120);
        Assert.Equal("writes", problem.GetProperty("policy").GetString());
        Assert.Equal("Api:RateLimits:Writes", problem.GetProperty("limit").GetString());
        Assert.Contains("Api:RateLimits:Writes allows 3 per 120 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Admin writes share the client's window; reads are not limited.
        using (HttpResponseMessage admin = await worker.Client.SendAsync(AsAdmin(Post("api/projects", TestData.ProjectsCsv(), "text/csv"))))
        {
            await Json.ReadProblemAsync(admin, (HttpStatusCode)429);
        }

        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage read = await worker.Client.GetAsync("api/transactions");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        string metrics = await worker.Client.GetStringAsync("metrics");
        Assert.Contains("ossfunding_api_rate_limited_total{policy=\"writes\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("ossfunding_api_rate_limited_total{policy=\"auth-failures\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_allowed_refused_tokens_even_the_right_token_gets_429_but_signatures_still_pass()
    {
        await using ConfiguredWorker worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string>
        {
            ["Api__RateLimits__AuthFailures__PermitLimit"] = "2",
            ["Api__RateLimits__AuthFailures__WindowSeconds"] = "300",
        });

        await Json.ReadProblemAsync(await worker.Client.SendAsync(WithToken(Post("api/projects", TestData.ProjectsCsv(), "text/csv"), "wrong-token-of-sufficient-length")),
            HttpStatusCode.Forbidden);
        await Json.ReadProblemAsync(await worker.Client.SendAsync(Post("api/projects", TestData.ProjectsCsv(), "text/csv")), HttpStatusCode.Unauthorized);

        using HttpResponseMessage blocked = await worker.Client.SendAsync(AsAdmin(Post("api/projects", TestData.ProjectsCsv(), "text/csv")));
        JsonElement problem = await Json.ReadProblemAsync(blocked, (HttpStatusCode)429);
        Assert.Equal("auth-failures", problem.GetProperty("policy").GetString());
        Assert.Equal("Api:RateLimits:AuthFailures", problem.GetProperty("limit").GetString());
        Assert.InRange(int.Parse(Assert.Single(blocked.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 1, 300);
        Assert.Equal(0, (await Json.ReadAsync(await worker.Client.GetAsync("api/projects"), HttpStatusCode.OK)).GetArrayLength());

        // The signature endpoint checks no token, so refused tokens do not block it.
        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash), HttpStatusCode.NotFound);
        Assert.Contains("ossfunding_api_rate_limited_total{policy=\"auth-failures\"} 1", await worker.Client.GetStringAsync("metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_window()
    {
        await using ConfiguredWorker worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string>
        {
            ["Api__TrustedProxies__0"] = "127.0.0.1",
            ["Api__RateLimits__Writes__PermitLimit"] = "2",
        });

        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "198.51.100.7, 203.0.113.1"), HttpStatusCode.NotFound);
        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "203.0.113.1"), HttpStatusCode.NotFound);
        JsonElement problem = await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "203.0.113.1"), (HttpStatusCode)429);
        Assert.Contains("from 203.0.113.1:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "203.0.113.2"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8")]
    public async Task From_a_peer_that_is_not_a_trusted_proxy_forwarded_headers_are_ignored(string? trustedProxy)
    {
        var settings = new Dictionary<string, string> { ["Api__RateLimits__Writes__PermitLimit"] = "2" };
        if (trustedProxy is not null)
        {
            settings["Api__TrustedProxies__0"] = trustedProxy;
        }

        await using ConfiguredWorker worker = await ConfiguredWorker.StartAsync(settings);

        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "203.0.113.1"), HttpStatusCode.NotFound);
        await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "203.0.113.2"), HttpStatusCode.NotFound);
        JsonElement problem = await Json.ReadProblemAsync(await PostSignatureAsync(worker.Client, UnknownHash, "203.0.113.3"), (HttpStatusCode)429);

        Assert.Contains("from 127.0.0.1:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostSignatureAsync(HttpClient client, string safeTxHash, string? forwardedFor = null)
    {
        HttpRequestMessage request = Post($"api/transactions/{safeTxHash}/signatures", SignatureBody, "application/json");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
