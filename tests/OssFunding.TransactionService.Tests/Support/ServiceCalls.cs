using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>Raw HTTP calls to the fake, as Safe{Wallet} or another client would make them: status and JSON body.</summary>
internal sealed class ServiceCalls(string baseUrl, string? apiKey) : IDisposable
{
    private readonly HttpClient http = new();

    public Task<(HttpStatusCode Status, JsonNode? Body)> ProposeAsync(string safe, object body) =>
        SendAsync(HttpMethod.Post, $"api/v2/safes/{safe}/multisig-transactions/", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> ConfirmAsync(string safeTxHash, string signature) =>
        SendAsync(HttpMethod.Post, $"api/v1/multisig-transactions/{safeTxHash}/confirmations/", new { signature });

    public Task<(HttpStatusCode Status, JsonNode? Body)> AddDelegateAsync(object body) => SendAsync(HttpMethod.Post, "api/v2/delegates/", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public void Dispose() => http.Dispose();

    private async Task<(HttpStatusCode, JsonNode?)> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, $"{baseUrl}/{path}");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
