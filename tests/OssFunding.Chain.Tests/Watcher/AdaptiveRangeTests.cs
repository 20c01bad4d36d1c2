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
        var range = new AdaptiveRange(500, 2000);

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

public sealed class CatchUpRangeTests
{
    [Fact]
    public void Grows_from_the_first_size_to_the_catch_up_ceiling()
    {
        var range = new AdaptiveRange(2000, 100_000);
        var sizes = new List<int>();
        for (var i = 0; i < 16; i++)
        {
            range.Succeeded(logCount: 0);
            sizes.Add(range.Size);
        }

        Assert.Equal(2000, sizes[0]);
        Assert.Equal([4000, 8000, 16_000, 32_000, 64_000, 100_000], sizes.Distinct().Skip(1));
        Assert.Equal(100_000, range.Size);
    }

    [Fact]
    public void A_refused_size_is_not_tried_again_until_a_long_run_of_successes()
    {
        var range = new AdaptiveRange(10_000, 100_000);
        range.Succeeded(0);
        range.Succeeded(0);
        Assert.Equal(20_000, range.Size);
        range.Shrink();

        var sizes = new List<int>();
        for (var i = 0; i < AdaptiveRange.SuccessesBeforeRetryingRefusedSize - 1; i++)
        {
            range.Succeeded(0);
            sizes.Add(range.Size);
        }

        Assert.All(sizes, size => Assert.Equal(10_000, size));
        range.Succeeded(0);
        range.Succeeded(0);
        Assert.Equal(20_000, range.Size);
    }
}
