using System.Net;
using System.Text;
using System.Text.Json;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Turns an error answer of the Transaction Service into a <see cref="TransactionServiceException"/> whose message an
/// operator can act on. Error bodies the service sends (DRF, camelCase): <c>{"nonFieldErrors": ["…"]}</c> and
/// <c>{"field": ["…"]}</c> from serializer validation (422 on proposals, 400 on confirmations), <c>{"detail": "…"}</c>
/// (404, 401), and <c>{"code": 1, "message": "…", "arguments": […]}</c> (e.g. a Safe address that is not checksummed).
/// </summary>
internal static class ServiceErrors
{
    private const int MaxBodyChars = 2000;

    public static async Task<TransactionServiceException> ToExceptionAsync(
        HttpResponseMessage response, string operation, string baseUrl, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await ReadBoundedAsync(response, cancellationToken);
        var reasons = Reasons(body);
        var code = (int)status;
        return status switch
        {
            _ when TransactionServiceClient.IsUnauthorized(status) => new TransactionServiceException(ServiceFailure.Unauthorized, operation, status,
                $"API key refused: the Transaction Service at {baseUrl} answered {code} to {operation}. Check Signing:ApiKey (sent as a bearer token).{Suffix(reasons)}"),
            HttpStatusCode.NotFound => new TransactionServiceException(ServiceFailure.NotFound, operation, status,
                $"The Transaction Service at {baseUrl} does not know what {operation} refers to (404).{Suffix(reasons)}"),
            HttpStatusCode.TooManyRequests => new TransactionServiceException(ServiceFailure.RateLimited, operation, status,
                $"The Transaction Service at {baseUrl} kept rate-limiting {operation} (429) through every retry.{Suffix(reasons)}"),
            _ when code >= 500 => new TransactionServiceException(ServiceFailure.Unavailable, operation, status,
                $"The Transaction Service at {baseUrl} failed {operation} with {code} through every retry.{Suffix(reasons)}"),
            _ => new TransactionServiceException(ServiceFailure.Rejected, operation, status,
                $"The Transaction Service refused {operation} ({code}): {(reasons.Length > 0 ? reasons : "no reason given")}"),
        };
    }

    /// <summary>The reasons in an error body, one sentence: nonFieldErrors first, then field errors, detail, message.</summary>
    internal static string Reasons(string body)
    {
        if (body.Length == 0)
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? FromObject(document.RootElement) : Clip(body);
        }
        catch (JsonException)
        {
            return Clip(body);
        }
    }

    private static string FromObject(JsonElement root)
    {
        var parts = new List<string>();
        if (root.TryGetProperty("nonFieldErrors", out var nonField))
        {
            parts.AddRange(Strings(nonField));
        }

        foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("nonFieldErrors" or "detail" or "message" or "code" or "arguments")))
        {
            parts.AddRange(Strings(property.Value).Select(text => $"{property.Name}: {text}"));
        }

        if (root.TryGetProperty("detail", out var detail))
        {
            parts.AddRange(Strings(detail));
        }

        if (root.TryGetProperty("message", out var message))
        {
            var arguments = root.TryGetProperty("arguments", out var args) ? Strings(args).ToList() : [];
            parts.Add(arguments.Count == 0 ? string.Join(' ', Strings(message)) : $"{string.Join(' ', Strings(message))} ({string.Join(", ", arguments)})");
        }

        return Clip(string.Join("; ", parts));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Select(text => $"{p.Name}: {text}")),
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => [element.GetRawText()],
    };

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars * 4];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read).Trim();
    }

    private static string Suffix(string reasons) => reasons.Length > 0 ? $" The service said: {reasons}" : "";

    private static string Clip(string text) => text.Length <= MaxBodyChars ? text : text[..MaxBodyChars] + "…";
}
