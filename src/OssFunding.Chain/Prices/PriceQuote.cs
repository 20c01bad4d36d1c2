using System.Numerics;

namespace OssFunding.Chain.Prices;

/// <summary>Where a rate came from.</summary>
public enum PriceSourceKind
{
    /// <summary>A Chainlink AggregatorV3 feed's <c>latestRoundData</c> at the block.</summary>
    ChainlinkFeed,

    /// <summary>The time-weighted average tick of a Uniswap v3 pool over a window ending at the block.</summary>
    UniswapV3Twap,

    /// <summary>A row of the rate table file, with its public source link.</summary>
    RateTable,
}

/// <summary>A currency pair: the price of one <see cref="Base"/> in <see cref="Quote"/> (ETH/USD: dollars per ether).</summary>
public sealed record PricePair(string Base, string Quote)
{
    /// <summary>The configuration key form, <c>BASE_QUOTE</c>.</summary>
    public string Key => $"{Base}_{Quote}";

    public PricePair Reversed => new(Quote, Base);

    public override string ToString() => $"{Base}/{Quote}";

    /// <summary>Parses <c>BASE_QUOTE</c> (configuration) or <c>BASE/QUOTE</c> (rate table).</summary>
    public static PricePair? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(text.Contains('/', StringComparison.Ordinal) ? '/' : '_');
        return parts.Length == 2 && parts.All(IsSymbol) && parts[0] != parts[1] ? new PricePair(parts[0], parts[1]) : null;
    }

    private static bool IsSymbol(string part) => part.Length is >= 1 and <= 16 && part.All(char.IsAsciiLetterOrDigit);
}

/// <summary>
/// One source's rate and everything needed to recompute it: the feed or pool address, the round id or the TWAP
/// window and its mean tick, when the source last changed, and for a table row its date and public link.
/// <see cref="Rate"/> is for <see cref="Pair"/> as the source gives it; <see cref="Inverted"/> says the route used its inverse.
/// </summary>
public sealed record PriceLeg(
    PricePair Pair,
    PriceSourceKind Kind,
    Rational Rate,
    bool Inverted,
    DateTimeOffset UpdatedAt,
    string? Address = null,
    BigInteger? RoundId = null,
    TimeSpan? TwapWindow = null,
    int? MeanTick = null,
    string? SourceUrl = null)
{
    /// <summary>The rate in the direction the route walks it.</summary>
    public Rational RateAlongRoute => Inverted ? Rate.Inverse() : Rate;
}

/// <summary>
/// The price of one <see cref="Pair"/>.Base in <see cref="Pair"/>.Quote at <see cref="BlockNumber"/>: the exact
/// product of its legs (LPT/EUR = LPT/ETH × ETH/USD ÷ EUR/USD), each with its provenance.
/// </summary>
public sealed record PriceQuote(PricePair Pair, Rational Rate, IReadOnlyList<PriceLeg> Legs, long BlockNumber, DateTimeOffset BlockTime)
{
    /// <summary>
    /// The token amount, in base units, that an amount in the quote currency buys: rounded DOWN to the token's
    /// decimals. The project's rounding rule (docs/prices.md): toward the treasury, so the treasury never pays more
    /// than was decided; the recipient loses less than one base unit.
    /// </summary>
    public BigInteger TokensFor(Rational quoteAmount, int tokenDecimals)
    {
        if (quoteAmount.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quoteAmount), quoteAmount, "An amount to convert must not be negative.");
        }

        return (quoteAmount / Rate).FloorToUnits(tokenDecimals);
    }

    /// <summary>The exact value in the quote currency of <paramref name="baseUnits"/> of the base token.</summary>
    public Rational ValueOf(BigInteger baseUnits, int tokenDecimals) => Rational.FromScaled(baseUnits, tokenDecimals) * Rate;
}

/// <summary>A quote, or the reason there is none (stale round, sequencer down, no source…). A missing price is never guessed.</summary>
public sealed record PriceResult(PriceQuote? Quote, string? Refusal)
{
    public bool IsAvailable => Quote is not null;

    public static PriceResult Of(PriceQuote quote) => new(quote, null);

    public static PriceResult Refused(string reason) => new(null, reason);
}

/// <summary>Thrown inside a leg's read to refuse the whole quote with a reason; never escapes <see cref="PriceSources"/>.</summary>
internal sealed class PriceRefusedException(string reason) : Exception(reason);
