namespace OssFunding.Devnet;

/// <summary>How to run the local anvil chain. Defaults: Arbitrum One's chain id, a block per transaction.</summary>
public sealed record DevnetChainOptions
{
    public long ChainId { get; init; } = 42161;

    /// <summary>Automine (a block per transaction, the default), interval mining, or no mining at all.</summary>
    public DevnetMining Mining { get; init; } = DevnetMining.Automine;

    /// <summary>Block interval when <see cref="Mining"/> is <see cref="DevnetMining.Interval"/>; whole seconds or more.</summary>
    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The devnet/ folder; located from the environment or current directory when null.</summary>
    public DevnetDirectory? Directory { get; init; }
}

public enum DevnetMining
{
    /// <summary>Each transaction is mined in its own block at once.</summary>
    Automine,

    /// <summary>A block every <see cref="DevnetChainOptions.BlockTime"/>.</summary>
    Interval,

    /// <summary>Blocks only on <c>evm_mine</c>/<c>anvil_mine</c> (<see cref="DevnetChain.MineAsync"/>).</summary>
    Manual,
}
