namespace OssFunding.Core.Configuration;

/// <summary>
/// <c>Prices</c> section (SPEC §3, §13): where each exchange rate comes from. A pair is keyed <c>BASE_QUOTE</c>
/// (<c>ETH_USD</c>: dollars per ether) so that the environment can name it (<c>Prices__Pairs__ETH_USD__MaxAge</c>);
/// it is served by a Chainlink AggregatorV3 feed (<c>Address</c>, <c>MaxAge</c>) or by a Uniswap v3 pool's TWAP
/// (<c>Pool</c>, <c>Window</c>). Pairs no on-chain source serves may come from the rate table file.
/// </summary>
public sealed class PricesOptions
{
    public const string Section = "Prices";

    public Dictionary<string, PriceSourceOptions> Pairs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Chainlink's L2 sequencer uptime feed (Arbitrum). Empty: no sequencer check (a chain without one).</summary>
    public string SequencerUptimeFeed { get; set; } = "";

    /// <summary>After the sequencer comes back up, rounds are refused until this much time has passed.</summary>
    public TimeSpan SequencerGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rate table CSV (<c>pair,date,rate,source</c>); empty: none.</summary>
    public string RateTable { get; set; } = "";

    /// <summary>A table rate serves blocks up to this long after its date (weekends and holidays have no rate).</summary>
    public TimeSpan RateTableMaxAge { get; set; } = TimeSpan.FromDays(5);

    /// <summary>A rate at execution further than this from the rate at drafting raises an alert (percent, e.g. 5).</summary>
    public decimal MaxDriftPercent { get; set; } = 5m;
}

/// <summary>One pair's on-chain source: a Chainlink feed (<c>Address</c> + <c>MaxAge</c>) or a Uniswap v3 pool (<c>Pool</c> + <c>Window</c>).</summary>
public sealed class PriceSourceOptions
{
    /// <summary>Chainlink AggregatorV3 feed (proxy) address.</summary>
    public string Address { get; set; } = "";

    /// <summary>Oldest round accepted, measured from the time of the block read.</summary>
    public TimeSpan MaxAge { get; set; }

    /// <summary>Uniswap v3 pool holding the pair's base token (from <c>Tokens</c>) and the quote's token.</summary>
    public string Pool { get; set; } = "";

    /// <summary>TWAP window ending at the block read (whole seconds).</summary>
    public TimeSpan Window { get; set; }
}
