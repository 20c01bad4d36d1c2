using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain.Prices;

/// <summary>
/// Answers "what is one BASE worth in QUOTE at block N" from the configured sources (SPEC §13). The route is the
/// shortest chain of configured pairs, each usable either way round (LPT/EUR = LPT_ETH × ETH_USD ÷ EUR_USD); every
/// leg is read at the same block, and the quote is the exact product. Any leg that cannot be served (stale round,
/// sequencer down or in its grace period, a contract missing or reverting, no source at all) refuses the whole quote
/// with its reason: a price is never guessed.
/// </summary>
public sealed class PriceSources
{
    private const int MaxLegs = 3;

    private readonly PricesOptions options;
    private readonly TokensOptions tokens;
    private readonly RateTable table;
    private readonly PriceChainReads reads;
    private readonly ChainlinkFeeds feeds;
    private readonly UniswapTwap pools;
    private readonly Dictionary<PricePair, PriceSourceOptions> onChain = [];

    public PriceSources(IOptions<PricesOptions> options, IOptions<TokensOptions> tokens, Rpc.ChainRpc rpc)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        this.options = options.Value;
        this.tokens = tokens.Value;
        table = LoadTable(this.options.RateTable);
        reads = new PriceChainReads(rpc);
        feeds = new ChainlinkFeeds(reads);
        pools = new UniswapTwap(reads);
        foreach (var (key, source) in this.options.Pairs)
        {
            onChain[PricePair.TryParse(key) ?? throw new ArgumentException($"Prices:Pairs:{key} is not a BASE_QUOTE pair.", nameof(options))] = source;
        }
    }

    /// <summary>The price of one <paramref name="base"/> in <paramref name="quote"/> at <paramref name="block"/>, or why there is none.</summary>
    public async Task<PriceResult> QuoteAsync(string @base, string quote, long block, CancellationToken cancellationToken)
    {
        var pair = new PricePair(@base, quote);
        var route = FindRoute(pair);
        if (route is null)
        {
            return PriceResult.Refused($"no price source for {pair}: configure Prices:Pairs or a rate table row that connects {@base} to {quote}");
        }

        try
        {
            var blockTime = await reads.BlockTimeAsync(block, cancellationToken);
            // Feeds and pools alike: while the sequencer is down nothing on the L2 trades or updates at market speed.
            if (route.Any(step => onChain.ContainsKey(step.Pair)) && !string.IsNullOrEmpty(options.SequencerUptimeFeed))
            {
                await feeds.CheckSequencerAsync(options.SequencerUptimeFeed, options.SequencerGracePeriod, block, blockTime, cancellationToken);
            }

            var legs = new List<PriceLeg>();
            foreach (var step in route)
            {
                legs.Add(await ReadLegAsync(step.Pair, block, blockTime, cancellationToken) with { Inverted = step.Inverted });
            }

            var rate = legs.Aggregate(Rational.One, (product, leg) => product * leg.RateAlongRoute);
            return PriceResult.Of(new PriceQuote(pair, rate, legs, block, blockTime));
        }
        catch (PriceRefusedException refused)
        {
            return PriceResult.Refused($"no {pair} price at block {block}: {refused.Message}");
        }
    }

    private Task<PriceLeg> ReadLegAsync(PricePair pair, long block, DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        if (!onChain.TryGetValue(pair, out var source))
        {
            return Task.FromResult(table.Lookup(pair, blockTime, options.RateTableMaxAge));
        }

        if (!string.IsNullOrEmpty(source.Address))
        {
            return feeds.ReadAsync(pair, source.Address, source.MaxAge, block, blockTime, cancellationToken);
        }

        if (!tokens.TryGetValue(pair.Base, out var baseToken))
        {
            throw new PriceRefusedException($"Prices:Pairs:{pair.Key} is a pool pair but Tokens has no {pair.Base} to find in the pool");
        }

        return pools.ReadAsync(pair, source.Pool, baseToken.Address, source.Window, block, blockTime, cancellationToken);
    }

    /// <summary>Breadth-first over the configured pairs, so the route with the fewest legs wins; ties go to configuration order.</summary>
    private List<RouteStep>? FindRoute(PricePair wanted)
    {
        var edges = onChain.Keys.Concat(table.Pairs.Where(p => !onChain.ContainsKey(p))).ToList();
        var paths = new Queue<(string At, List<RouteStep> Steps)>([(wanted.Base, new List<RouteStep>())]);
        var visited = new HashSet<string>(StringComparer.Ordinal) { wanted.Base };
        while (paths.Count > 0)
        {
            var (at, steps) = paths.Dequeue();
            if (at == wanted.Quote)
            {
                return steps;
            }

            if (steps.Count == MaxLegs)
            {
                continue;
            }

            foreach (var edge in edges)
            {
                var step = edge.Base == at ? new RouteStep(edge, false) : edge.Quote == at ? new RouteStep(edge, true) : null;
                string? next = step is null ? null : step.Inverted ? edge.Base : edge.Quote;
                if (next is not null && visited.Add(next))
                {
                    paths.Enqueue((next, [.. steps, step!]));
                }
            }
        }

        return null;
    }

    private static RateTable LoadTable(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return RateTable.Empty;
        }

        var (table, problems) = RateTable.Load(path);
        return table ?? throw new InvalidOperationException($"Prices:RateTable: {string.Join("; ", problems)}");
    }

    private sealed record RouteStep(PricePair Pair, bool Inverted);
}
