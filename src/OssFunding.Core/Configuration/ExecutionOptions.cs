namespace OssFunding.Core.Configuration;

public enum ExecutionMode
{
    /// <summary>Signers execute themselves (e.g. in Safe{Wallet}); the watcher notices.</summary>
    None,
    /// <summary>The worker submits <c>execTransaction</c> with an executor key that is not an owner.</summary>
    Executor,
}

/// <summary><c>Execution</c> section.</summary>
public sealed class ExecutionOptions
{
    public const string Section = "Execution";

    public ExecutionMode Mode { get; set; } = ExecutionMode.None;

    /// <summary>File holding the executor's private key (hex). Secret material stays in the file.</summary>
    public string ExecutorKeyFile { get; set; } = "";

    /// <summary>Name of an environment variable holding the executor key, as an alternative to the file.</summary>
    public string ExecutorKeyEnv { get; set; } = "";

    /// <summary>Gas limit = estimate × this margin.</summary>
    public decimal GasLimitMargin { get; set; } = 1.25m;

    /// <summary>
    /// An execution not mined this long after it was stored is replaced: same sender nonce, fees raised (at least
    /// +12.5 % on both, or what the node now suggests), up to <see cref="MaxFeePerGasGwei"/>.
    /// </summary>
    public TimeSpan ReplaceAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Highest max fee per gas the executor ever signs, in gwei (decimals allowed): first submission and replacements.</summary>
    public decimal MaxFeePerGasGwei { get; set; } = 10m;
}
