using Microsoft.Extensions.Options;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain.Prices;

/// <summary>
/// Answers "what is one BASE worth in QUOTE at block N" from the configured sources (SPEC §13), exactly, with
/// provenance, or says why it cannot: a pair without a source, a stale round, the sequencer down or in its grace
/// period, an RPC failure. It never falls back to another source or an older value.
/// Resolution: a configured BASE_QUOTE; the inverse of a configured QUOTE_BASE; BASE_ETH × ETH_USD for a USD quote;
/// BASE_USD ÷ QUOTE_USD otherwise (LPT in EUR = LPT_USD ÷ EUR_USD).
/// </summary>
public sealed class PriceOracle(PriceChainCalls calls, IOptions<PricesOptions> options, RateTable rateTable)
{
    private const string Usd = "USD";
    private const string Eth = "ETH";

    private PricesOptions Prices => options.Value;

    public Task<long> LatestBlockAsync(CancellationToken cancellationToken) => calls.LatestBlockAsync(cancellationToken);

    public async Task<PriceReading> ReadAsync(string @base, string quote, long block, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(@base);
        ArgumentException.ThrowIfNullOrEmpty(quote);
        try
        {
            var blockTime = await calls.BlockTimeAsync(block, cancellationToken);
            return await ResolveAsync(@base.ToUpperInvariant(), quote.ToUpperInvariant(), block, blockTime, cancellationToken);
        }
        catch (RpcUnavailableException e)
        {
            return PriceReading.Unavailable($"{@base}_{quote}: reading the price sources at block {block} failed: {e.Message}");
        }
    }

    private async Task<PriceReading> ResolveAsync(string @base, string quote, long block, DateTimeOffset blockTime, CancellationToken token)
    {
        if (@base == quote)
        {
            return PriceReading.Of(new PriceQuote(@base, quote, ExactRate.FromScaled(1, 0),
                new PriceProvenance(PriceProvenance.Derived, null, null, null, null, null, block, null, [])));
        }

        if (Prices.Pairs.TryGetValue($"{@base}_{quote}", out var direct))
        {
            return await ReadSourceAsync(@base, quote, direct, block, blockTime, token);
        }

        if (Prices.Pairs.TryGetValue($"{quote}_{@base}", out var reverse))
        {
            var reading = await ReadSourceAsync(quote, @base, reverse, block, blockTime, token);
            return reading.Quote is { } q ? PriceReading.Of(Derive(@base, quote, ExactRate.FromScaled(1, 0) / q.Rate, block, q)) : reading;
        }

        if (quote == Usd && @base != Eth && Prices.Pairs.ContainsKey($"{@base}_{Eth}"))
        {
            return await CombineAsync(@base, quote, (@base, Eth), (Eth, Usd), divide: false, block, blockTime, token);
        }

        if (@base != Usd && quote != Usd)
        {
            return await CombineAsync(@base, quote, (@base, Usd), (quote, Usd), divide: true, block, blockTime, token);
        }

        return PriceReading.Unavailable($"{@base}_{quote}: no price source configured (Prices:Pairs:{@base}_{quote})");
    }

    private async Task<PriceReading> CombineAsync(string @base, string quote, (string B, string Q) first, (string B, string Q) second,
        bool divide, long block, DateTimeOffset blockTime, CancellationToken token)
    {
        var a = await ResolveAsync(first.B, first.Q, block, blockTime, token);
        if (a.Quote is null)
        {
            return a;
        }

        var b = await ResolveAsync(second.B, second.Q, block, blockTime, token);
        if (b.Quote is null)
        {
            return b;
        }

        var rate = divide ? a.Quote.Rate / b.Quote.Rate : a.Quote.Rate * b.Quote.Rate;
        return PriceReading.Of(Derive(@base, quote, rate, block, a.Quote, b.Quote));
    }

    private async Task<PriceReading> ReadSourceAsync(
        string @base, string quote, PriceSourceOptions source, long block, DateTimeOffset blockTime, CancellationToken token)
    {
        switch (source.Source)
        {
            case PriceSourceKind.Chainlink:
                var sequencer = await ChainlinkSource.SequencerProblemAsync(calls, Prices.SequencerUptimeFeed, block, blockTime, token);
                return sequencer is not null
                    ? PriceReading.Unavailable($"{@base}_{quote}: {sequencer}")
                    : await ChainlinkSource.ReadAsync(calls, @base, quote, source, block, blockTime, token);
            case PriceSourceKind.UniswapV3Twap:
                return await UniswapTwapSource.ReadAsync(calls, @base, quote, source, block, token);
            case PriceSourceKind.RateTable:
                return FromTable(@base, quote, block, blockTime);
            default:
                return PriceReading.Unavailable($"{@base}_{quote}: unknown source {source.Source}");
        }
    }

    private PriceReading FromTable(string @base, string quote, long block, DateTimeOffset blockTime)
    {
        var day = DateOnly.FromDateTime(blockTime.UtcDateTime);
        var entry = rateTable.Find($"{@base}_{quote}", day);
        if (entry is null)
        {
            return PriceReading.Unavailable($"{@base}_{quote}: the rate table has no rate for {day:yyyy-MM-dd} (block {block})");
        }

        var provenance = new PriceProvenance(PriceProvenance.RateTable, null, null, null, null,
            new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), block, entry.Source, []);
        return PriceReading.Of(new PriceQuote(@base, quote, entry.Rate, provenance));
    }

    private static PriceQuote Derive(string @base, string quote, ExactRate rate, long block, params PriceQuote[] parts) =>
        new(@base, quote, rate, new PriceProvenance(PriceProvenance.Derived, null, null, null, null, null, block, null, parts));
}
