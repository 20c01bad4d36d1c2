namespace OssFunding.Chain.Watcher;

/// <summary>
/// Size of the next <c>eth_getLogs</c> range: starts at <c>Chain:MaxBlockRange</c>, doubles after a run of cheap
/// successes up to <c>Chain:CatchUpMaxBlockRange</c> (a first sync over millions of empty blocks then costs a few
/// calls per 100,000 blocks), and halves when the provider refuses a range (too many results, range limit, timeout).
/// </summary>
internal sealed class AdaptiveRange
{
    /// <summary>Successes in a row, each with few logs, before the range doubles.</summary>
    internal const int CheapSuccessesToGrow = 2;

    /// <summary>A range that returned at most this many logs counts as cheap.</summary>
    internal const int CheapLogCount = 1000;

    /// <summary>
    /// Cheap successes in a row after which a size once refused is tried again. Until then the range stops below it,
    /// so a provider with a fixed limit (QuickNode's 10,000 blocks) costs one refusal per this many calls, not one per three.
    /// </summary>
    internal const int SuccessesBeforeRetryingRefusedSize = 16;

    private readonly int maximum;
    private int cheapSuccesses;
    private int successesSinceRefusal;
    private int? refusedSize;

    public AdaptiveRange(int maximum)
        : this(maximum, maximum)
    {
    }

    public AdaptiveRange(int initial, int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        this.maximum = maximum;
        Size = initial;
    }

    public int Size { get; private set; }

    /// <summary>Halves the range; returns false when it is already one block, which cannot be split further.</summary>
    public bool Shrink()
    {
        cheapSuccesses = 0;
        successesSinceRefusal = 0;
        if (Size == 1)
        {
            return false;
        }

        refusedSize = Math.Min(refusedSize ?? int.MaxValue, Size);
        Size = Math.Max(1, Size / 2);
        return true;
    }

    public void Succeeded(int logCount)
    {
        if (logCount > CheapLogCount)
        {
            cheapSuccesses = 0;
            return;
        }

        if (refusedSize is not null && ++successesSinceRefusal >= SuccessesBeforeRetryingRefusedSize)
        {
            refusedSize = null;
        }

        if (++cheapSuccesses < CheapSuccessesToGrow || Size >= maximum)
        {
            return;
        }

        cheapSuccesses = 0;
        var grown = (int)Math.Min(maximum, Size * 2L);
        // Never back up to a size the provider refused (until the retry above): a fixed limit then costs no calls.
        if (refusedSize is not { } refused || grown < refused)
        {
            Size = grown;
        }
    }
}
