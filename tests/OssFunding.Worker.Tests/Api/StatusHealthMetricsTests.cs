using System.Net;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Api;

[Collection(RunningWorkerCollection.Name)]
public sealed class StatusHealthMetricsTests(RunningWorker worker)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_with_json()
    {
        JsonElement live = await Json.ReadAsync(await worker.Client.GetAsync("health/live"), HttpStatusCode.OK);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        JsonElement ready = await Json.ReadAsync(await worker.Client.GetAsync("health/ready"), HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_shows_the_configured_safe_budget_as_strings_and_counts_per_status()
    {
        JsonElement status = await Json.ReadAsync(await worker.Client.GetAsync("api/status"), HttpStatusCode.OK);

        Assert.Equal(worker.Sandbox.Environment["Safe__Address"], status.GetProperty("safe").GetProperty("address").GetString());
        Assert.Equal(42161, status.GetProperty("safe").GetProperty("chainId").GetInt64());
        JsonElement usdc = status.GetProperty("budget").EnumerateArray()
            .Single(l => l.GetProperty("category").GetString() == "projects" && l.GetProperty("token").GetString() == "USDC");
        Assert.Equal("20000", usdc.GetProperty("cap").GetString());
        Assert.Equal(JsonValueKind.String, usdc.GetProperty("remaining").ValueKind);
        Assert.Equal(
            ["Approved", "Queued", "Paid", "Cancelled", "PaidOffChain"],
            status.GetProperty("allocations").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Metrics_expose_http_requests_budget_remaining_and_allocations()
    {
        await worker.Client.GetAsync("api/status");
        string metrics = await worker.Client.GetStringAsync("metrics");

        Assert.Contains("http_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("ossfunding_budget_remaining{cycle=\"2025\",category=\"admin\",token=\"LPT\"} 250", metrics, StringComparison.Ordinal);
        Assert.Contains("ossfunding_allocations{status=\"Approved\"}", metrics, StringComparison.Ordinal);
    }
}
