namespace OssFunding.Reports.ChainFacts;

/// <summary>Block reads of one recorder run, cached, and the search for the last block of a month.</summary>
internal sealed class BlockTimes(ChainReads chain)
{
    private readonly Dictionary<long, TimedBlock> cache = [];

    public async Task<TimedBlock> GetAsync(long number, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(number, out var block))
        {
            block = await chain.BlockAsync(number, cancellationToken);
            cache[number] = block;
        }

        return block;
    }

    /// <summary>
    /// The last block in <paramref name="low"/>..<paramref name="high"/> whose time is before <paramref name="end"/>, by
    /// binary search (block times never decrease), or null when even <paramref name="low"/> is not. O(log n) reads.
    /// </summary>
    public async Task<TimedBlock?> LastBeforeAsync(DateTimeOffset end, TimedBlock low, TimedBlock high, CancellationToken cancellationToken)
    {
        if (low.Time >= end)
        {
            return null;
        }

        if (high.Time < end)
        {
            return high;
        }

        // Invariant: low.Time < end <= high.Time.
        while (high.Number - low.Number > 1)
        {
            var middle = await GetAsync(low.Number + (high.Number - low.Number) / 2, cancellationToken);
            (low, high) = middle.Time < end ? (middle, high) : (low, middle);
        }

        return low;
    }
}
