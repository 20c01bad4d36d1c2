namespace OssFunding.Core.Configuration;

/// <summary>One entry of the <c>Tokens</c> section, keyed by symbol (LPT, USDC).</summary>
public sealed class TokenOptions
{
    public string Address { get; set; } = "";

    /// <summary>Checked against the contract's <c>decimals()</c> at start.</summary>
    public int Decimals { get; set; }
}
