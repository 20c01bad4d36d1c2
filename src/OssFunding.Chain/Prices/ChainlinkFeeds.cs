using System.Globalization;
using System.Numerics;

namespace OssFunding.Chain.Prices;

/// <summary>
/// Reads Chainlink AggregatorV3 feeds at a block: <c>decimals()</c> and <c>latestRoundData()</c>. A round is refused
/// when its answer is not positive, it has no update time, it is dated after the block, or it is older than the
/// pair's <c>MaxAge</c> measured from the block's own time (not the clock of the machine reading it), so a valuation
/// of an old block is judged by what was fresh then.
/// </summary>
internal sealed class ChainlinkFeeds(PriceChainReads reads)
{
    public async Task<PriceLeg> ReadAsync(PricePair pair, string feed, TimeSpan maxAge, long block, DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        string what = $"{pair} feed";
        int decimals = await reads.QueryAsync<FeedDecimalsFunction, byte>(what, feed, new FeedDecimalsFunction(), block, cancellationToken);
        var round = await reads.CallAsync<LatestRoundDataFunction, RoundDataOutput>(what, feed, new LatestRoundDataFunction(), block, cancellationToken);
        var updatedAt = CheckRound(what, feed, round, maxAge, block, blockTime);
        return new PriceLeg(pair, PriceSourceKind.ChainlinkFeed, Rational.FromScaled(round.Answer, decimals), Inverted: false, updatedAt,
            Address: feed, RoundId: round.RoundId);
    }

    /// <summary>
    /// Refuses while Chainlink's L2 sequencer uptime feed says down (answer 1) at the block, or while the block is
    /// within <paramref name="gracePeriod"/> of the sequencer coming back up (startedAt + grace &gt; block time):
    /// prices right after an outage may not have caught up yet.
    /// </summary>
    public async Task CheckSequencerAsync(string feed, TimeSpan gracePeriod, long block, DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        const string what = "sequencer uptime feed";
        var status = await reads.CallAsync<LatestRoundDataFunction, RoundDataOutput>(what, feed, new LatestRoundDataFunction(), block, cancellationToken);
        if (status.StartedAt.IsZero || status.StartedAt > long.MaxValue)
        {
            throw new PriceRefusedException($"{what} {feed} at block {block} has no valid status round (startedAt {status.StartedAt})");
        }

        var since = DateTimeOffset.FromUnixTimeSeconds((long)status.StartedAt);
        if (status.Answer == BigInteger.One)
        {
            throw new PriceRefusedException($"the L2 sequencer is down at block {block} (uptime feed {feed}: down since {Show(since)})");
        }

        if (!status.Answer.IsZero)
        {
            throw new PriceRefusedException($"{what} {feed} at block {block} answered {status.Answer}, neither 0 (up) nor 1 (down)");
        }

        if (since + gracePeriod > blockTime)
        {
            throw new PriceRefusedException(
                $"the L2 sequencer came back up at {Show(since)}, within the grace period of {gracePeriod:c} at block {block} " +
                $"(block time {Show(blockTime)}; prices are accepted from {Show(since + gracePeriod)})");
        }
    }

    private static DateTimeOffset CheckRound(string what, string feed, RoundDataOutput round, TimeSpan maxAge, long block, DateTimeOffset blockTime)
    {
        string where = $"{what} {feed} round {round.RoundId} at block {block}";
        if (round.Answer.Sign <= 0)
        {
            throw new PriceRefusedException($"{where} answered {round.Answer}: a price must be positive");
        }

        if (round.UpdatedAt.IsZero || round.UpdatedAt > long.MaxValue)
        {
            throw new PriceRefusedException($"{where} has no valid update time ({round.UpdatedAt})");
        }

        var updatedAt = DateTimeOffset.FromUnixTimeSeconds((long)round.UpdatedAt);
        if (updatedAt > blockTime)
        {
            throw new PriceRefusedException($"{where} is dated {Show(updatedAt)}, after the block's time {Show(blockTime)}");
        }

        var age = blockTime - updatedAt;
        if (age > maxAge)
        {
            throw new PriceRefusedException(
                $"{where} is stale: updated {Show(updatedAt)}, {age:c} before the block's time {Show(blockTime)}, older than MaxAge {maxAge:c}");
        }

        return updatedAt;
    }

    private static string Show(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
