namespace OssFunding.Worker.ResponseHeaders;

/// <summary>
/// What one HTML endpoint's pages may load (SPEC §14): nothing by default (<c>default-src 'none'</c>), never framed,
/// no base URL or form target to hijack. An endpoint declares only what its pages use, as endpoint metadata
/// (<c>.WithMetadata(ContentSecurityPolicy.SignerPage)</c>); <see cref="ResponseHeadersMiddleware"/> writes it.
/// </summary>
/// <param name="StyleSources">Sources of style-src (<c>'self'</c>, a <c>'sha256-…'</c> hash), or null for none.</param>
/// <param name="ScriptSources">Sources of script-src, or null for none.</param>
/// <param name="ConnectToSelf">The page's script calls this origin (fetch).</param>
internal sealed record ContentSecurityPolicy(string? StyleSources = null, string? ScriptSources = null, bool ConnectToSelf = false)
{
    /// <summary>An HTML response whose endpoint declared nothing loads nothing.</summary>
    public static readonly ContentSecurityPolicy Nothing = new();

    /// <summary>The index and the pages' refusals: the worker's own stylesheet (/assets/pages.css).</summary>
    public static readonly ContentSecurityPolicy Page = new(StyleSources: "'self'");

    /// <summary>The signer page: its stylesheet, its script (/assets/signer.js) and the signature it posts to this origin.</summary>
    public static readonly ContentSecurityPolicy SignerPage = new(StyleSources: "'self'", ScriptSources: "'self'", ConnectToSelf: true);

    public string Header => string.Join("; ", Directives());

    private IEnumerable<string> Directives()
    {
        yield return "default-src 'none'";
        if (StyleSources is not null)
        {
            yield return $"style-src {StyleSources}";
        }

        if (ScriptSources is not null)
        {
            yield return $"script-src {ScriptSources}";
        }

        if (ConnectToSelf)
        {
            yield return "connect-src 'self'";
        }

        // Not covered by default-src: stated, so an injected <base> or <form> cannot send a reader elsewhere.
        yield return "base-uri 'none'";
        yield return "form-action 'none'";
        yield return "frame-ancestors 'none'";
    }
}
