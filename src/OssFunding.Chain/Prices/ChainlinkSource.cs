using System.Globalization;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain.Prices;

/// <summary>
/// A Chainlink AggregatorV3 feed read at a block: <c>latestRoundData</c> and <c>decimals</c> by <c>eth_call</c> at that
/// block, refused when the round is older than <c>MaxAge</c> at the block's time, incomplete, or not positive.
/// </summary>
internal static class ChainlinkSource
{
    public static async Task<PriceReading> ReadAsync(
        PriceChainCalls calls, string @base, string quote, PriceSourceOptions source, long block, DateTimeOffset blockTime,
        CancellationToken cancellationToken)
    {
        var round = await calls.LatestRoundAsync(source.Address, block, cancellationToken);
        var pair = $"{@base}_{quote}";
        if (round.UpdatedAt == DateTimeOffset.UnixEpoch)
        {
            return PriceReading.Unavailable($"{pair}: Chainlink feed {source.Address} round {round.RoundId} is incomplete (updatedAt 0) at block {block}");
        }

        if (round.Answer.Sign <= 0)
        {
            return PriceReading.Unavailable($"{pair}: Chainlink feed {source.Address} round {round.RoundId} answered {round.Answer} (not positive) at block {block}");
        }

        var age = blockTime - round.UpdatedAt;
        if (age > source.MaxAge)
        {
            return PriceReading.Unavailable(
                $"{pair}: Chainlink feed {source.Address} round {round.RoundId} is stale at block {block}: updated {Iso(round.UpdatedAt)}, " +
                $"{Whole(age)} before the block, more than MaxAge {source.MaxAge.ToString("c", CultureInfo.InvariantCulture)}");
        }

        var provenance = new PriceProvenance(PriceProvenance.Chainlink, source.Address, round.RoundId.ToString(CultureInfo.InvariantCulture),
            WindowSeconds: null, MeanTick: null, round.UpdatedAt, block, Link: null, Parts: []);
        return PriceReading.Of(new PriceQuote(@base, quote, ExactRate.FromScaled(round.Answer, round.Decimals), provenance));
    }

    /// <summary>
    /// The L2 sequencer uptime feed at the block: answer 1 is down; answer 0 is up, but prices stay refused for the
    /// grace period after <c>startedAt</c> (when the status last changed), as Chainlink's L2 guidance says.
    /// </summary>
    public static async Task<string?> SequencerProblemAsync(
        PriceChainCalls calls, SequencerUptimeOptions sequencer, long block, DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sequencer.Address))
        {
            return null;
        }

        var status = await calls.LatestRoundAsync(sequencer.Address, block, cancellationToken);
        if (!status.Answer.IsZero)
        {
            return $"the L2 sequencer uptime feed {sequencer.Address} says the sequencer is down (answer {status.Answer}) at block {block}";
        }

        var sinceUp = blockTime - status.StartedAt;
        if (status.StartedAt == DateTimeOffset.UnixEpoch || sinceUp < sequencer.GracePeriod)
        {
            return $"the L2 sequencer came back up at {Iso(status.StartedAt)}, {Whole(sinceUp)} before block {block}: " +
                   $"within the grace period {sequencer.GracePeriod.ToString("c", CultureInfo.InvariantCulture)}";
        }

        return null;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Whole(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds)).ToString("c", CultureInfo.InvariantCulture);
}
