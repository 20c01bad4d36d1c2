using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OssFunding.Worker.Demo;

/// <summary>The worker's HTTP API as the demo uses it; any unexpected answer stops the demo with the worker's own words.</summary>
internal sealed class DemoApi(HttpClient client)
{
    public Task<JsonNode> PostCsvAsync(string path, string file, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent(File.ReadAllText(file), Encoding.UTF8, "text/csv"), [HttpStatusCode.OK], cancellationToken);

    public async Task<(HttpStatusCode Status, JsonNode? Body, string? Reason)> DraftAsync(CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(new Uri("api/transactions/draft", UriKind.Relative), null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var reason = response.Headers.TryGetValues("X-OssFunding-Reason", out var values) ? values.FirstOrDefault() : null;
        return response.StatusCode switch
        {
            HttpStatusCode.Created => (response.StatusCode, JsonNode.Parse(text), null),
            HttpStatusCode.NoContent => (response.StatusCode, null, reason),
            _ => throw new DemoException($"POST /api/transactions/draft answered {(int)response.StatusCode}: {text}"),
        };
    }

    public Task<JsonNode> SignAsync(string safeTxHash, string signature, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/transactions/{safeTxHash}/signatures", JsonContent.Create(new { signature }),
            [HttpStatusCode.Created, HttpStatusCode.OK], cancellationToken);

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, [HttpStatusCode.OK], cancellationToken);

    private async Task<JsonNode> SendAsync(
        HttpMethod method, string path, HttpContent? content, HttpStatusCode[] expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!expected.Contains(response.StatusCode))
        {
            throw new DemoException($"{method} /{path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new DemoException($"{method} /{path} answered an empty body.");
    }
}
