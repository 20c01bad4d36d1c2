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
}
