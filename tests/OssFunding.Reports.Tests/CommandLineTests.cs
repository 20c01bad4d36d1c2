using System.Text;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;

namespace OssFunding.Reports.Tests;

/// <summary>The commands through the real executable: output, files and exit codes (0 done, 1 bad input or mismatch, 2 failure).</summary>
[Collection(ReportsCollection.Name)]
public sealed class CommandLineTests(ReportsWorld world)
{
    [Fact]
    public async Task Report_prints_the_same_bytes_as_the_library_in_every_format()
    {
        await using var host = await world.StartHostAsync();
        var report = await host.Get<ReportService>().MonthlyAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);
        foreach (var format in new[] { "md", "csv", "json", "html" })
        {
            var run = await WorkerCli.RunAsync(host, world, null, "report", "2025-01", "--format", format);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Equal(ReportRenderer.Render(report, ReportRenderer.ParseFormat(format)!.Value), run.Stdout);
        }

        var file = Path.Combine(host.Sqlite.Folder, "annual.md");
        var annual = await WorkerCli.RunAsync(host, world, null, "annual-report", "2025", "--format", "md", "--out", file);
        Assert.True(annual.ExitCode == 0, annual.Stderr);
        Assert.StartsWith("# Annual report, budget cycle 2025", await File.ReadAllTextAsync(file, Encoding.UTF8), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_exit_1()
    {
        await using var host = await world.StartHostAsync();
        Assert.Equal(1, (await WorkerCli.RunAsync(host, world, null, "report", "2025-13")).ExitCode);
        Assert.Equal(1, (await WorkerCli.RunAsync(host, world, null, "report", "2025-01", "--format", "pdf")).ExitCode);
        var outside = await WorkerCli.RunAsync(host, world, null, "report", "2024-12");
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("No budget cycle contains 2024-12", outside.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await WorkerCli.RunAsync(host, world, null, "verify")).ExitCode);
    }

    [Fact]
    public async Task Verify_exits_0_when_all_match_1_on_a_mismatch_and_2_without_a_chain()
    {
        await using var host = await world.StartHostAsync();
        var honest = await WorkerCli.RunAsync(host, world, null, "verify", "2025-01");
        Assert.True(honest.ExitCode == 0, honest.Stdout + honest.Stderr);
        Assert.Contains("Summary: all 11 payment(s) match the chain.", honest.Stdout, StringComparison.Ordinal);

        var json = Path.Combine(host.Sqlite.Folder, "report.json");
        Assert.Equal(0, (await WorkerCli.RunAsync(host, world, null, "report", "2025-01", "--format", "json", "--out", json)).ExitCode);
        var fromFile = await WorkerCli.RunAsync(host, world, new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=unused.db" },
            "verify", "--report", json);
        Assert.True(fromFile.ExitCode == 0, fromFile.Stdout + fromFile.Stderr);

        await host.ExecuteAsync("UPDATE payments SET recipient = '0x0000000000000000000000000000000000000001' WHERE allocation_id = '2025-01-uvicorn'");
        var tampered = await WorkerCli.RunAsync(host, world, null, "verify", "2025-01");
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("MISMATCH  2025-01-uvicorn (uvicorn)", tampered.Stdout, StringComparison.Ordinal);

        var offline = await WorkerCli.RunAsync(host, world, new Dictionary<string, string> { ["Chain__RpcUrls__0"] = "http://127.0.0.1:9" }, "verify", "2025-01");
        Assert.Equal(2, offline.ExitCode);
    }

    [Fact]
    public async Task Record_offchain_records_once_and_refuses_clearly()
    {
        await using var host = await world.StartHostAsync();
        string[] args = ["payments", "record-offchain", "--allocation", "2025-01-pending", "--reference", "WIRE 7", "--evidence", "https://bank.example/7", "--date", "2025-01-10"];
        var recorded = await WorkerCli.RunAsync(host, world, null, args);
        Assert.True(recorded.ExitCode == 0, recorded.Stderr);
        Assert.Contains("Recorded off-chain payment of 7.25 LPT for allocation 2025-01-pending", recorded.Stdout, StringComparison.Ordinal);

        var again = await WorkerCli.RunAsync(host, world, null, args);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is PaidOffChain", again.Stderr, StringComparison.Ordinal);
        var badUrl = await WorkerCli.RunAsync(host, world, null, "payments", "record-offchain", "--allocation", "2025-01-pending", "--reference", "R", "--evidence", "ftp://x");
        Assert.Equal(1, badUrl.ExitCode);
        Assert.Contains("evidence: 'ftp://x' must be an absolute https:// URL: the scheme 'ftp:' is not allowed", badUrl.Stderr, StringComparison.Ordinal);
    }
}
