namespace OssFunding.Core.Configuration;

/// <summary><c>Api</c> section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public string Urls { get; set; } = "http://0.0.0.0:8080";

    /// <summary>Bearer token for every write. Secret. Writes are refused while it is empty.</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>When set, reads need this bearer token (or the admin one). Secret.</summary>
    public string ReadToken { get; set; } = "";

    /// <summary>Request bodies above this get 413.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Direct peers (IP addresses or CIDR networks) whose <c>X-Forwarded-For</c> names the client. Empty: the header is
    /// ignored and the client is the peer, so a caller cannot pick its own rate-limit partition.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public ApiRateLimitsOptions RateLimits { get; set; } = new();
}

/// <summary><c>Api:RateLimits</c>: fixed windows per client address.</summary>
public sealed class ApiRateLimitsOptions
{
    /// <summary>Every write (any method but GET/HEAD on <c>/api</c>), the token-free signature endpoint included.</summary>
    public RateLimitWindowOptions Writes { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>Refused tokens (401/403); once spent, the client's token-checked requests get 429 until the window ends.</summary>
    public RateLimitWindowOptions AuthFailures { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/> seconds.</summary>
public sealed class RateLimitWindowOptions
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}
