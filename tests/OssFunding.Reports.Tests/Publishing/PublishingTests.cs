using System.Text.Json.Nodes;
using Dapper;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Tests.Support;

namespace OssFunding.Reports.Tests.Publishing;

[Collection(ReportsCollection.Name)]
public sealed class PublishingTests(ReportsWorld world)
{
    [Fact]
    public async Task Job_publishes_last_month_in_every_format_with_one_notice()
    {
        await using var host = await world.StartHostAsync();
        host.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 1, 6, 0, 0, TimeSpan.Zero));
        var job = host.Get<ReportPublishJob>();

        await job.Execute(null!, CancellationToken.None);
        await job.Execute(null!, CancellationToken.None);

        var folder = Path.Combine(host.Sqlite.Folder, "published", "2025-01");
        Assert.Equal(["report-2025-01.csv", "report-2025-01.html", "report-2025-01.json", "report-2025-01.md"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var connection = await host.Database.OpenAsync(CancellationToken.None);
        var payload = Assert.Single(await connection.QueryAsync<string>("SELECT payload FROM notices WHERE kind = 'ReportPublished'"));
        var notice = JsonNode.Parse(payload)!;
        Assert.Equal("2025-01", notice["period"]!.GetValue<string>());
        Assert.Contains("11 on-chain and 1 off-chain payments, 11/11 verified on chain", notice["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(4, notice["files"]!.AsArray().Count);
    }

    [Fact]
    public async Task Nothing_is_published_for_a_month_outside_the_cycles()
    {
        await using var host = await world.StartHostAsync();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero));
        await host.Get<ReportPublishJob>().Execute(null!, CancellationToken.None);
        Assert.False(Directory.Exists(Path.Combine(host.Sqlite.Folder, "published")));
        Assert.Equal(0, await host.ScalarAsync<long>("SELECT COUNT(*) FROM notices WHERE kind = 'ReportPublished'"));
    }
}
