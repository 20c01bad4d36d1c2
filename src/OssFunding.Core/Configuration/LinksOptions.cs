namespace OssFunding.Core.Configuration;

/// <summary><c>Links</c> section: which links a file or request may bring (approval_ref, proof_url, evidence).</summary>
public sealed class LinksOptions
{
    public const string Section = "Links";

    /// <summary>Accept plain <c>http://</c> links as well as <c>https://</c> (e.g. an intranet decision log). Off by default.</summary>
    public bool AllowHttp { get; set; }
}
