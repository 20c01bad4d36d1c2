namespace OssFunding.Core.Configuration;

/// <summary>
/// <c>Prices</c> section (SPEC §13): where each rate comes from. Pairs are named <c>BASE_QUOTE</c> (EUR_USD, LPT_ETH):
/// a value of one BASE in QUOTE. USD is the hub: a token is valued through <c>TOKEN_USD</c>, or <c>TOKEN_ETH</c> times
/// <c>ETH_USD</c>; euros through <c>EUR_USD</c>.
/// </summary>
public sealed class PricesOptions
{
    public const string Section = "Prices";

    /// <summary>Per pair, one source. Empty: nothing is valued and euro-decided allocations are held.</summary>
    public Dictionary<string, PriceSourceOptions> Pairs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Arbitrum's Chainlink L2 sequencer uptime feed; Chainlink reads are refused while it says down.</summary>
    public SequencerUptimeOptions SequencerUptimeFeed { get; set; } = new();

    /// <summary>CSV file (pair,date,rate,source) for pairs whose <c>Source</c> is <c>RateTable</c>.</summary>
    public string RateTableFile { get; set; } = "";

    /// <summary>Drift between the drafting rate and the execution rate above which an alert is raised (decimal string).</summary>
    public string MaxDriftPercent { get; set; } = "5";
}

public enum PriceSourceKind
{
    Chainlink,
    UniswapV3Twap,
    RateTable,
}

/// <summary>One pair's source: a Chainlink feed (<c>Address</c>, <c>MaxAge</c>), a pool TWAP (<c>Pool</c>, <c>Window</c>,
/// <c>BaseToken</c>) or the rate table.</summary>
public sealed class PriceSourceOptions
{
    public PriceSourceKind Source { get; set; } = PriceSourceKind.Chainlink;

    /// <summary>Chainlink: the feed's proxy address (AggregatorV3Interface).</summary>
    public string Address { get; set; } = "";

    /// <summary>Chainlink: a round older than this at the block read is refused (stale).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(25);

    /// <summary>Uniswap v3: the pool.</summary>
    public string Pool { get; set; } = "";

    /// <summary>Uniswap v3: the TWAP window ending at the block read.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Uniswap v3: the pair's BASE token (one of the pool's two tokens); the other is the QUOTE.</summary>
    public string BaseToken { get; set; } = "";
}

public sealed class SequencerUptimeOptions
{
    /// <summary>Empty: no sequencer check (devnets without the feed). On Arbitrum One it is set by default.</summary>
    public string Address { get; set; } = "";

    /// <summary>After the sequencer comes back up, prices stay refused this long (Chainlink's guidance: 1 hour).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);
}
