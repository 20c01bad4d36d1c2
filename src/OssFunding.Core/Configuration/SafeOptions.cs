namespace OssFunding.Core.Configuration;

/// <summary><c>Safe</c> section. The Safe's version, owners and threshold are read from the chain.</summary>
public sealed class SafeOptions
{
    public const string Section = "Safe";

    /// <summary>EIP-55 address of the treasury Safe.</summary>
    public string Address { get; set; } = "";

    /// <summary>MultiSendCallOnly used for batches (Arbitrum One, Safe 1.4.1 deployment by default).</summary>
    public string MultiSendCallOnly { get; set; } = "0x9641d764fc13c8B624c04430C7356C1C7C8102e2";
}
