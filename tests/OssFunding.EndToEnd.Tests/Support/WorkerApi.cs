using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OssFunding.EndToEnd.Tests.Support;

/// <summary>The worker's HTTP API as an operator or a signer's tool calls it.</summary>
internal sealed class WorkerApi(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task ImportCsvAsync(string path, string file)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, path, new StringContent(await File.ReadAllTextAsync(file), Encoding.UTF8, "text/csv"));
        Assert.True(status == HttpStatusCode.OK, $"POST {path}: {(int)status} {body}");
    }

    public Task<(HttpStatusCode Status, string Body)> PostSignatureAsync(string safeTxHash, string signature) =>
        SendAsync(HttpMethod.Post, $"api/transactions/{safeTxHash}/signatures", JsonContent.Create(new { signature }));

    public async Task<string> StatusOfAsync(string safeTxHash) =>
        (await GetAsync($"api/transactions/{safeTxHash}"))["status"]!.GetValue<string>();

    /// <summary>Polls until the transaction reaches <paramref name="status"/>; fails with the transaction and alerts after <paramref name="timeout"/>.</summary>
    public async Task<JsonNode> WaitForStatusAsync(string safeTxHash, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var tx = await GetAsync($"api/transactions/{safeTxHash}");
            if (tx["status"]!.GetValue<string>() == status)
            {
                return tx;
            }

            if (DateTime.UtcNow > deadline)
            {
                var alerts = await GetAsync("api/alerts");
                Assert.Fail($"{safeTxHash} is {tx["status"]} ({tx["statusReason"]}), not {status}, after {timeout}; alerts: {alerts.ToJsonString()}");
            }

            await Task.Delay(250);
        }
    }
}
