using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Chain.Watcher;
using OssFunding.Safe.MultiSend;
using Prometheus;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>The catch-up's blocks/s and ETA are measured, not assumed (issue 12 item 3: progress in logs, status and metrics).</summary>
public sealed class CatchUpProgressTests
{
    [Fact]
    public void The_rate_is_measured_over_the_last_minute_and_the_eta_is_the_remaining_blocks_at_that_rate()
    {
        var clock = new FakeTimeProvider();
        var progress = new CatchUpProgress(clock, NullLogger<CatchUpProgress>.Instance);
        progress.PollStarting(checkpoint: 99, head: 1_000_099, catchUpThreshold: 2000);
        var block = 99L;
        for (var second = 0; second < 30; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Committed(block += 1000);
        }

        Assert.Equal(1000, progress.Current!.BlocksPerSecond!.Value, 6);
        // The provider slows down to 100 blocks/s: after a minute the rate and the ETA follow it.
        for (var second = 0; second < 70; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Committed(block += 100);
        }

        var snapshot = progress.Current!;
        Assert.True(snapshot.Active);
        Assert.Equal(100, snapshot.BlocksPerSecond!.Value, 6);
        Assert.Equal((1_000_099 - block) / 100.0, snapshot.EtaSeconds!.Value, 6);
        Assert.Equal(1_000_099 - block, snapshot.RemainingBlocks);
        Assert.Equal(99, snapshot.FromBlock);
    }

    [Fact]
    public void A_poll_of_a_few_new_blocks_is_no_catch_up_and_the_last_window_ends_it()
    {
        var clock = new FakeTimeProvider();
        var progress = new CatchUpProgress(clock, NullLogger<CatchUpProgress>.Instance);
        progress.PollStarting(checkpoint: 100, head: 150, catchUpThreshold: 2000);
        progress.Committed(150);
        Assert.Null(progress.Current);

        progress.PollStarting(checkpoint: 150, head: 10_150, catchUpThreshold: 2000);
        clock.Advance(TimeSpan.FromSeconds(2));
        progress.Committed(10_150);
        Assert.False(progress.Current!.Active);
        Assert.Equal(0, progress.Current.EtaSeconds);
        Assert.Equal(5000, progress.Current.BlocksPerSecond!.Value, 6);
    }
}

/// <summary>
/// A watcher catching up over anvil: status (the watcher's snapshot), metrics and logs move with it. Alone in its
/// collection: the gauges are process-wide and other tests' watchers catch up too.
/// </summary>
[Collection(CatchUpMetricsCollection.Name)]
public sealed class CatchUpOverAnvilTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    [Fact]
    public async Task A_watcher_catching_up_reports_its_measured_rate_and_eta_in_snapshot_metrics_and_a_few_log_lines()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(300);
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));
        await bed.Chain.Rpc.MineAsync(1200);
        var head = await bed.HeadAsync();
        // Each eth_getLogs takes 100 ms of the watcher's clock; a range of 10 blocks is two of them: 50 blocks/s,
        // 1,508 blocks in windows of up to 32 ranges (about 30 s).
        var clock = new FakeTimeProvider();
        bed.Proxy.OnRequest = method =>
        {
            if (method == RpcMethods.GetLogs)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }
        };
        var logs = new LineLogger();
        var progress = new CatchUpProgress(clock, logs);
        var seen = new List<(CatchUpSnapshot Snapshot, double Eta, double Rate, double Remaining)>();
        ChainWatcher? watcher = null;
        var observer = new Observer(async () => seen.Add((watcher!.CatchUp!, await GaugeAsync("ossfunding_watcher_catchup_eta_seconds"),
            await GaugeAsync("ossfunding_watcher_catchup_blocks_per_second"), await GaugeAsync("ossfunding_watcher_catchup_remaining_blocks"))));
        watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange) = (10, 10), progress, observer);

        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(head, result.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, paid);
        Assert.True(seen.Count >= 5, $"{seen.Count} windows");
        Assert.Equal(seen.Select(s => s.Snapshot.Checkpoint).Order(), seen.Select(s => s.Snapshot.Checkpoint));
        Assert.All(seen[..^1], s => Assert.True(s.Snapshot.Active));
        foreach (var (snapshot, eta, rate, remaining) in seen[..^1])
        {
            Assert.Equal(50, snapshot.BlocksPerSecond!.Value, 6);
            Assert.Equal((head - snapshot.Checkpoint) / 50.0, snapshot.EtaSeconds!.Value, 6);
            Assert.Equal(snapshot.EtaSeconds.Value, eta, 3);
            Assert.Equal(snapshot.BlocksPerSecond.Value, rate, 3);
            Assert.Equal(head - snapshot.Checkpoint, remaining);
        }

        var last = seen[^1].Snapshot;
        Assert.False(last.Active);
        Assert.Equal((head, 0.0, 0.0), (last.Checkpoint, seen[^1].Eta, seen[^1].Rate));
        // 30 s of the watcher's clock: a start line, at most one progress line per 10 s and the end, not one per window.
        var progressLines = logs.Lines.Where(line => line.StartsWith("Catching up: block", StringComparison.Ordinal)).ToList();
        Assert.InRange(progressLines.Count, 1, 3);
        Assert.True(progressLines.Count < seen.Count - 2, $"{progressLines.Count} progress lines for {seen.Count} windows");
        Assert.All(progressLines, line => Assert.Contains("50 blocks/s, ETA 00:00:", line, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.StartsWith($"Caught up with the head at block {head}", StringComparison.Ordinal));
    }

    private static async Task<double> GaugeAsync(string name)
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        var line = Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class Observer(Func<Task> committed) : IWatcherRangeObserver
    {
        public Task OnRangeCommittedAsync(long toBlock, long headBlock, CancellationToken cancellationToken) => committed();
    }

    private sealed class LineLogger : ILogger<CatchUpProgress>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CatchUpMetricsCollection
{
    public const string Name = "catch-up metrics";
}
