using System.Net.Sockets;
using System.Text.RegularExpressions;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.TestSupport;

namespace OssFunding.EndToEnd.Tests.Demo;

/// <summary>The README's first command, as a user runs it: the real <c>demo</c> command ends with exit 0, a summary, and no anvil left.</summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_end_to_end_prints_a_summary_and_leaves_no_anvil()
    {
        using var demo = WorkerProcess.Start(RepositoryRoot.Path, new Dictionary<string, string>(), "demo");
        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, demo.Output);
        Assert.Contains("== summary", demo.Output, StringComparison.Ordinal);
        Assert.Contains("transactions  1: nonce 0 Confirmed", demo.Output, StringComparison.Ordinal);
        Assert.Matches(@"payments\s+11 recorded from final Transfer logs", demo.Output);
        Assert.Matches(@"gas used \d+", demo.Output);

        var port = int.Parse(AnvilPort().Match(demo.Output).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc").Select(CommandLine),
            line => line.Contains("anvil", StringComparison.Ordinal) && line.Contains($"--port {port} ", StringComparison.Ordinal));
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
}
