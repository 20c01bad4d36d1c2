namespace OssFunding.Chain.Watcher;

/// <summary>
/// Size of the next <c>eth_getLogs</c> range: halves when the node refuses a range (too many results, range limit,
/// timeout) and doubles again, up to <c>Chain:MaxBlockRange</c>, after a run of cheap successes.
/// </summary>
internal sealed class AdaptiveRange
{
    /// <summary>Successes in a row, each with few logs, before the range doubles.</summary>
    internal const int CheapSuccessesToGrow = 2;

    /// <summary>A range that returned at most this many logs counts as cheap.</summary>
    internal const int CheapLogCount = 1000;

    private readonly int maximum;
    private int cheapSuccesses;

    public AdaptiveRange(int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        this.maximum = maximum;
        Size = maximum;
    }

    public int Size { get; private set; }

    /// <summary>Halves the range; returns false when it is already one block, which cannot be split further.</summary>
    public bool Shrink()
    {
        cheapSuccesses = 0;
        if (Size == 1)
        {
            return false;
        }

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

        if (++cheapSuccesses >= CheapSuccessesToGrow && Size < maximum)
        {
            Size = (int)Math.Min(maximum, Size * 2L);
            cheapSuccesses = 0;
        }
    }
}
