namespace OssFunding.Core.Configuration;

/// <summary><c>Tokens</c> section: symbol → token. Symbols are case-sensitive, as written in allocation files.</summary>
public sealed class TokensOptions : Dictionary<string, TokenOptions>
{
    public const string Section = "Tokens";

    public TokensOptions()
        : base(StringComparer.Ordinal)
    {
    }
}
