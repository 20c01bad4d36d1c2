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

    /// <summary>
    /// anvil's <c>--hardfork</c> (e.g. "cancun"); null keeps anvil 1.7.1's default, which includes Prague. Long histories
    /// want "cancun" with <see cref="PruneHistory"/>: Prague's EIP-2935 block-hash contract gains a storage slot per
    /// block, which makes each mined block slower as the chain grows even with pruning.
    /// </summary>
    public string? Hardfork { get; init; }

    /// <summary>
    /// anvil's <c>--prune-history</c>: keeps no state per past block; without it each mined block gets slower as the
    /// chain grows.
    /// Calls against old blocks' state (eth_call, eth_getBalance at a past number) then fail; logs and receipts stay.
    /// </summary>
    public bool PruneHistory { get; init; }

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
