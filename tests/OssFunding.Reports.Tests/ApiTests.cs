using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;

namespace OssFunding.Reports.Tests;

/// <summary>The report and off-chain endpoints over real HTTP, from the real executable (<c>run</c>) on a loopback port.</summary>
[Collection(ReportsCollection.Name)]
public sealed class ApiTests(ReportsWorld world)
{
    private const string AdminToken = "test-admin-token-0123456789abcdef";

    [Fact]
    public async Task Reports_and_off_chain_payments_over_http()
    {
        await using var host = await world.StartHostAsync();
        var expected = ReportRenderer.Render(await host.Get<ReportService>().MonthlyAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None), ReportFormat.Csv);
        var port = FreePort();
        using var server = WorkerCli.Start(host, world, new Dictionary<string, string> { ["Api__Urls"] = $"http://127.0.0.1:{port}" }, "run");
        var stderr = server.StandardError.ReadToEndAsync();
        var stdout = server.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilLiveAsync(http, server, stderr);

            using var csv = await http.GetAsync(new Uri("api/reports/2025-01?format=csv", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            Assert.Equal(expected, await csv.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(new Uri("api/reports/2025-1", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(new Uri("api/reports/2025-01?format=pdf", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("api/reports/annual/2031", UriKind.Relative))).StatusCode);
            using var annual = await http.GetAsync(new Uri("api/reports/annual/2025?format=md", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, annual.StatusCode);

            var body = """{"allocationId":"2025-01-pending","reference":"WIRE 8","evidenceUrl":"https://bank.example/8","date":"2025-01-10"}""";
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, body, token: null)).StatusCode);
            using var created = await PostAsync(http, body, AdminToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Contains("\"paymentId\":\"offchain:2025-01-pending\"", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var again = await PostAsync(http, body, AdminToken);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            using var bad = await PostAsync(http, """{"allocationId":"2025-01-ffmpeg","reference":"","evidenceUrl":"x"}""", AdminToken);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("evidence:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            _ = await stdout;
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/payments/offchain", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    private static async Task WaitUntilLiveAsync(HttpClient http, System.Diagnostics.Process server, Task<string> stderr)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the worker exited with {server.ExitCode}: {await stderr}");
            }

            try
            {
                using var live = await http.GetAsync(new Uri("health/live", UriKind.Relative));
                if (live.IsSuccessStatusCode)
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

        throw new TimeoutException("the worker did not start listening within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
