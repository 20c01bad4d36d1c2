using System.Net.Sockets;
using System.Text.RegularExpressions;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Demo;

/// <summary>
/// The README's first command, as a user runs it: the real <c>demo</c> command ends with exit 0, a summary, the month's
/// report in data/demo/, and no anvil left.
/// </summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_end_to_end_prints_a_summary_writes_the_report_and_leaves_no_anvil()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        // Started from the project folder (as `dotnet run` in src/OssFunding.Worker does): the report still lands in the root's data/demo/.
        using var demo = WorkerProcess.Start(RepositoryRoot.File("src", "OssFunding.Worker"), new Dictionary<string, string>(), "demo");
        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, demo.Output);
        Assert.Contains("== summary", demo.Output, StringComparison.Ordinal);
        Assert.Contains("transactions  1: nonce 0 Confirmed", demo.Output, StringComparison.Ordinal);
        Assert.Matches(@"payments\s+11 recorded from final Transfer logs", demo.Output);
        Assert.Matches(@"gas used \d+", demo.Output);
        AssertReportListsTheSamplePayments(demo.Output, started);

        var port = int.Parse(AnvilPort().Match(demo.Output).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc").Select(CommandLine),
            line => line.Contains("anvil", StringComparison.Ordinal) && line.Contains($"--port {port} ", StringComparison.Ordinal));
    }

    /// <summary>The Markdown report the summary names: written by this run, one verified row per sample allocation, each with the execution's tx hash.</summary>
    private static void AssertReportListsTheSamplePayments(string output, DateTime started)
    {
        var path = ReportPath().Match(output).Groups["path"].Value.TrimEnd();
        Assert.Equal(RepositoryRoot.File("data", "demo", "report-2025-01.md"), path);
        Assert.True(File.GetLastWriteTimeUtc(path) >= started, $"{path} was not written by this demo run");

        var executionTxHash = ExecutionTxHash().Match(output).Groups["hash"].Value;
        var rows = File.ReadAllLines(path).Where(line => line.StartsWith("| 2025-01-", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, rows.Count(row => row.Contains($"/tx/{executionTxHash})", StringComparison.Ordinal)));
        foreach (var sample in File.ReadAllLines(RepositoryRoot.File("samples", "allocations-2025-01.csv")).Skip(1).Select(line => line.Split(',')))
        {
            var (project, recipient, token, amount) = (sample[2], sample[4], sample[5], sample[6]);
            Assert.Single(rows, row => row.Contains($"| {project} |", StringComparison.Ordinal)
                                       && row.Contains($"[`{recipient}`]", StringComparison.Ordinal)
                                       && row.Contains($"| {amount} | {token} |", StringComparison.Ordinal)
                                       && row.Contains(executionTxHash, StringComparison.Ordinal)
                                       && row.Contains("| Verified at block ", StringComparison.Ordinal));
        }
    }

    private static string CommandLine(string procFolder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procFolder, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"anvil on http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex AnvilPort();

    [GeneratedRegex(@"^report\s+(?<path>\S.*)$", RegexOptions.Multiline)]
    private static partial Regex ReportPath();

    [GeneratedRegex(@"executed in\s+(?<hash>0x[0-9a-fA-F]{64}),")]
    private static partial Regex ExecutionTxHash();
}
