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

    [Fact]
    public async Task Status_readiness_and_metrics_show_how_far_final_trails_the_head()
    {
        JsonElement watcher = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            JsonElement status = await Json.ReadAsync(await worker.Client.GetAsync("api/status"), HttpStatusCode.OK);
            Assert.Equal("Confirmations", status.GetProperty("finality").GetString()); // the devnet's explicit setting
            watcher = status.GetProperty("watcher");
            if (watcher.ValueKind == JsonValueKind.Object)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(JsonValueKind.Object, watcher.ValueKind);
        long head = watcher.GetProperty("head").GetInt64();
        long final = watcher.GetProperty("final").GetInt64();
        Assert.Equal(Math.Max(0, head - final), watcher.GetProperty("finalLag").GetInt64());

        JsonElement ready = await Json.ReadAsync(await worker.Client.GetAsync("health/ready"), HttpStatusCode.OK);
        JsonElement check = ready.GetProperty("checks").GetProperty("watcher");
        JsonElement data = check.GetProperty("data");
        Assert.Equal("Confirmations", data.GetProperty("finality").GetString());
        Assert.Equal(data.GetProperty("head").GetInt64() - data.GetProperty("final").GetInt64(), data.GetProperty("finalLagBlocks").GetInt64());
        Assert.Contains("blocks behind the head", check.GetProperty("reason").GetString(), StringComparison.Ordinal);

        string metrics = await worker.Client.GetStringAsync("metrics");
        Assert.Equal(Gauge(metrics, "ossfunding_watcher_head_block") - Gauge(metrics, "ossfunding_watcher_final_block"),
            Gauge(metrics, "ossfunding_watcher_final_lag_blocks"));
    }

    private static long Gauge(string metrics, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(metrics, $@"(?m)^{name} (-?[0-9.e+]+)$");
        Assert.True(match.Success, $"{name} is not exported");
        return (long)double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
