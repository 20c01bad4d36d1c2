namespace OssFunding.Core.Configuration;

public enum SigningMode
{
    /// <summary>Owners post signatures to the worker's API (or CLI).</summary>
    Local,
    /// <summary>Drafts are proposed to the Safe Transaction Service and confirmations read from it.</summary>
    TransactionService,
}

/// <summary><c>Signing</c> section.</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    public SigningMode Mode { get; set; } = SigningMode.Local;

    /// <summary>Transaction Service base URL (TransactionService mode).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Transaction Service API key, sent as a bearer token. Secret.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Key of the proposer (a delegate, not an owner) in a file. Secret material stays in the file.</summary>
    public string ProposerKeyFile { get; set; } = "";

    /// <summary>Name of an environment variable holding the proposer key, as an alternative to the file.</summary>
    public string ProposerKeyEnv { get; set; } = "";
}
