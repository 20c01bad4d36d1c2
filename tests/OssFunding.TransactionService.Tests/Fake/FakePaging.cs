using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>DRF LimitOffsetPagination as the service configures it: default 100, at most 200 per page.</summary>
internal static class FakePaging
{
    public static object Page(IReadOnlyList<object> all, HttpRequest request, int? countUniqueNonce = null)
    {
        var limit = Math.Clamp(Read(request, "limit") ?? 100, 1, 200);
        var offset = Math.Max(0, Read(request, "offset") ?? 0);
        var page = all.Skip(offset).Take(limit).ToList();
        string? Link(int at) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?limit={limit}&offset={at}";
        var next = offset + limit < all.Count ? Link(offset + limit) : null;
        var previous = offset > 0 ? Link(Math.Max(0, offset - limit)) : null;
        var body = new Dictionary<string, object?> { ["count"] = all.Count, ["next"] = next, ["previous"] = previous, ["results"] = page };
        if (countUniqueNonce is { } unique)
        {
            body["countUniqueNonce"] = unique;
        }

        return body;
    }

    private static int? Read(HttpRequest request, string name) =>
        int.TryParse(request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
