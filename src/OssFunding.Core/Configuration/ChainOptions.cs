namespace OssFunding.Core.Configuration;

/// <summary>How blocks count as final before payments are recorded (SPEC §3 <c>Chain:Finality</c>).</summary>
public enum FinalityMode
{
    /// <summary>A block is final once <see cref="ChainOptions.Confirmations"/> blocks sit on top of it.</summary>
    Confirmations,
    /// <summary>The node's <c>safe</c> block tag.</summary>
    Safe,
    /// <summary>The node's <c>finalized</c> block tag.</summary>
    Finalized,
}

/// <summary><c>Chain</c> section.</summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>Arbitrum One, whose sequencer blocks are not final until their batch is final on Ethereum.</summary>
    public const long ArbitrumOneChainId = 42161;

    private FinalityMode? finality;

    public long ChainId { get; set; } = 42161;

    /// <summary>Tried in order; the next one takes over when one fails.</summary>
    public List<string> RpcUrls { get; set; } = [];

    /// <summary>
    /// When unset: <see cref="FinalityMode.Finalized"/> on Arbitrum One (Arbitrum's guidance is to credit only at the
    /// <c>finalized</c> tag; 20 blocks there are five seconds of sequencer promises), <see cref="FinalityMode.Confirmations"/>
    /// elsewhere (devnets, whose nodes may not serve the tags). A configured value always wins.
    /// </summary>
    public FinalityMode Finality
    {
        get => finality ?? DefaultFinality(ChainId);
        set => finality = value;
    }

    /// <summary>The finality used on <paramref name="chainId"/> when <c>Chain:Finality</c> is not configured.</summary>
    public static FinalityMode DefaultFinality(long chainId) =>
        chainId == ArbitrumOneChainId ? FinalityMode.Finalized : FinalityMode.Confirmations;

    public int Confirmations { get; set; } = 20;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First size of an <c>eth_getLogs</c> range; the watcher adapts from it.</summary>
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>
    /// Largest <c>eth_getLogs</c> range the watcher grows to while it catches up (first sync), shrinking again on the
    /// provider's refusals; never below <see cref="MaxBlockRange"/>.
    /// </summary>
    public int CatchUpMaxBlockRange { get; set; } = 100_000;

    /// <summary>
    /// Requests per second sent to each RPC endpoint, evenly spaced (0 = no limit): set it at or below the provider's
    /// rate limit (public Arbitrum endpoints and free plans limit it). An HTTP 429 is waited out (Retry-After) either way.
    /// </summary>
    public double MaxRequestsPerSecond { get; set; }

    /// <summary>First block the watcher reads when it has no checkpoint yet.</summary>
    public long StartBlock { get; set; }

    public string ExplorerUrl { get; set; } = "https://arbiscan.io";

    /// <summary>Readiness fails when the watcher is further behind the head than this.</summary>
    public TimeSpan MaxWatcherLag { get; set; } = TimeSpan.FromMinutes(5);
}
