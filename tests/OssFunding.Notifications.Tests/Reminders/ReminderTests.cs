using OssFunding.TestSupport.Receivers;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Notifications.Tests.Reminders;

/// <summary>Reminders on the real pipeline with a controllable clock: on schedule, only to missing signers, stopping at threshold and at MaxReminders.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ReminderTests(DevnetSafe devnet) : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    private SmtpSink smtp = null!;

    public Task InitializeAsync()
    {
        smtp = SmtpSink.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    private Task<DevnetPipeline> StartAsync(int maxReminders) => DevnetPipeline.StartAsync(devnet, new Dictionary<string, string?>
    {
        ["Notifications:ReminderInterval"] = Interval.ToString(),
        ["Notifications:MaxReminders"] = maxReminders.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:UseTls"] = "false",
        ["Notifications:Email:From"] = "worker@example.org",
        ["Notifications:Delivery:RetriesWithinAttempt"] = "0",
    });

    [Fact]
    public async Task Reminders_come_every_interval_only_to_owners_who_have_not_signed_and_stop_at_the_threshold()
    {
        await using var pipeline = await StartAsync(maxReminders: 7);
        var draft = await pipeline.DraftAsync();
        await pipeline.Dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal(5, smtp.Messages.Count); // TxPending to all five owners

        pipeline.Clock.Advance(Interval - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await pipeline.Reminders.RunAsync(CancellationToken.None));
        pipeline.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await pipeline.Reminders.RunAsync(CancellationToken.None));
        Assert.Equal(0, await pipeline.Reminders.RunAsync(CancellationToken.None)); // once per interval
        await pipeline.Dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal(10, smtp.Messages.Count); // the first reminder to all five

        await pipeline.SignAsync(draft.SafeTxHash, owner: 0); // Alice signs
        pipeline.Clock.Advance(Interval);
        Assert.Equal(1, await pipeline.Reminders.RunAsync(CancellationToken.None));
        var before = smtp.Messages.Count;
        await pipeline.Dispatcher.RunAsync(CancellationToken.None);
        var second = smtp.Messages.Skip(before).ToList();
        Assert.All(second, m => Assert.StartsWith("[OssFunding] Reminder:", m.Subject, StringComparison.Ordinal));
        Assert.Equal(["bob@example.org", "carol@example.org", "dave@example.org", "erin@example.org"],
            second.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order());
        Assert.All(second, m => Assert.Contains("Reminder 2 of 7", m.TextBody ?? "", StringComparison.Ordinal));
        Assert.All(second, m => Assert.Contains("1/3 by Alice", m.TextBody ?? "", StringComparison.Ordinal));

        await pipeline.SignAsync(draft.SafeTxHash, owner: 1);
        var ready = await pipeline.SignAsync(draft.SafeTxHash, owner: 2);
        Assert.Equal(TransactionStatus.ReadyToExecute, ready.Status);
        pipeline.Clock.Advance(Interval * 3);
        Assert.Equal(0, await pipeline.Reminders.RunAsync(CancellationToken.None));

        var notices = await pipeline.Get<NoticeQueries>().ListAsync(false, draft.SafeTxHash, 100, CancellationToken.None);
        Assert.Equal(2, notices.Count(n => n.Kind == NoticeKind.Reminder));
        var reminders = notices.Where(n => n.Kind == NoticeKind.Reminder).OrderBy(n => n.Sequence).ToList();
        Assert.Equal(5, reminders[0].Payload["missingOwners"]!.AsArray().Count);
        Assert.Equal(4, reminders[1].Payload["missingOwners"]!.AsArray().Count);
        Assert.DoesNotContain(reminders[1].Payload["missingOwners"]!.AsArray(), o => o!.GetValue<string>() == devnet.World.Owners[0].Address);
    }

    [Fact]
    public async Task Reminders_stop_after_MaxReminders_and_a_worker_that_was_down_sends_one_not_one_per_missed_interval()
    {
        await using var pipeline = await StartAsync(maxReminders: 2);
        var draft = await pipeline.DraftAsync();

        pipeline.Clock.Advance(Interval * 4); // down for four intervals
        Assert.Equal(1, await pipeline.Reminders.RunAsync(CancellationToken.None));
        Assert.Equal(0, await pipeline.Reminders.RunAsync(CancellationToken.None));
        for (var i = 0; i < 5; i++)
        {
            pipeline.Clock.Advance(Interval);
            await pipeline.Reminders.RunAsync(CancellationToken.None);
        }

        var notices = await pipeline.Get<NoticeQueries>().ListAsync(false, draft.SafeTxHash, 100, CancellationToken.None);
        Assert.Equal(2, notices.Count(n => n.Kind == NoticeKind.Reminder));
        var run = await pipeline.Dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal((3, 15), (run.NoticesFannedOut, run.Delivered)); // pending + two reminders, five owners each
    }
}
