using OssFunding.Chain.Watcher;

namespace OssFunding.Chain.Tests.Watcher;

public sealed class AdaptiveRangeTests
{
    [Fact]
    public void Halves_down_to_one_block_and_then_refuses()
    {
        var range = new AdaptiveRange(10);

        Assert.Equal([true, true, true, false], new[] { range.Shrink(), range.Shrink(), range.Shrink(), range.Shrink() });
        Assert.Equal(1, range.Size);
    }

    [Fact]
    public void Doubles_after_cheap_successes_up_to_the_maximum_only()
    {
        var range = new AdaptiveRange(2000);
        range.Shrink();
        range.Shrink();
        Assert.Equal(500, range.Size);

        var sizes = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            range.Succeeded(logCount: 3);
            sizes.Add(range.Size);
        }

        Assert.Equal([500, 1000, 1000, 2000, 2000, 2000, 2000, 2000], sizes);
    }

    [Fact]
    public void A_range_full_of_logs_does_not_count_as_cheap()
    {
        var range = new AdaptiveRange(100);
        range.Shrink();

        range.Succeeded(AdaptiveRange.CheapLogCount + 1);
        range.Succeeded(AdaptiveRange.CheapLogCount + 1);

        Assert.Equal(50, range.Size);
    }

    [Fact]
    public void A_refusal_resets_the_run_of_successes()
    {
        var range = new AdaptiveRange(100);
        range.Shrink();
        range.Succeeded(0);
        range.Shrink();
        range.Succeeded(0);

        Assert.Equal(25, range.Size);
    }

    [Fact]
    public void A_maximum_below_one_block_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveRange(0));
}
