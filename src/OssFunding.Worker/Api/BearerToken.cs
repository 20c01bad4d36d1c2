using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OssFunding.Worker.Api;

internal static class BearerToken
{
    public const string Challenge = "Bearer realm=\"ossfunding\"";

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, or null when there is none.</summary>
    public static string? From(HttpRequest request)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        const string scheme = "Bearer ";
        return header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    /// <summary>
    /// Constant-time comparison. Both sides are hashed first so neither the content nor the length of the expected
    /// token leaks through timing.
    /// </summary>
    public static bool Matches(string presented, string expected) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
