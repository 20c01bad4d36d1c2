namespace OssFunding.Chain.Prices;

/// <summary>
/// Where one rate came from, with what anyone needs to recompute it from the chain: the feed or pool address, the
/// Chainlink round id or the TWAP window and mean tick, when the source last updated, and the block it was read at.
/// A derived rate (LPT_USD = LPT_ETH × ETH_USD) carries its parts.
/// </summary>
public sealed record PriceProvenance(
    string Source,
    string? Address,
    string? RoundId,
    long? WindowSeconds,
    long? MeanTick,
    DateTimeOffset? UpdatedAt,
    long Block,
    string? Link,
    IReadOnlyList<PriceQuote> Parts)
{
    public const string Chainlink = "chainlink";
    public const string UniswapV3Twap = "uniswap-v3-twap";
    public const string RateTable = "rate-table";
    public const string Derived = "derived";
}

/// <summary>One rate: one <see cref="Base"/> is worth <see cref="Rate"/> <see cref="Quote"/>, exactly.</summary>
public sealed record PriceQuote(string Base, string Quote, ExactRate Rate, PriceProvenance Provenance)
{
    public string Pair => $"{Base}_{Quote}";
}

/// <summary>A rate, or the reason there is none (stale round, sequencer down, no source): never a guess.</summary>
public sealed record PriceReading(PriceQuote? Quote, string? Problem)
{
    public static PriceReading Of(PriceQuote quote) => new(quote, null);

    public static PriceReading Unavailable(string problem) => new(null, problem);

    public bool IsAvailable => Quote is not null;
}
