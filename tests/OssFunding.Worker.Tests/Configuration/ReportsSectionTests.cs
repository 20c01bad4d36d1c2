using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Configuration;

/// <summary>
/// The <c>Reports</c> section is checked with every other section: by <c>config check</c> and before any command
/// runs, not only when <c>run</c> starts its jobs.
/// </summary>
public sealed class ReportsSectionTests : IDisposable
{
    private const string BadSchedule = "on the first of the month";

    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Config_check_reports_a_bad_publish_schedule_with_its_key_and_value_once()
    {
        _sandbox.Environment["Reports__PublishSchedule"] = BadSchedule;

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using var _ = process;

        Assert.Equal(1, exitCode);
        string expected = $"error: Reports:PublishSchedule must be a Quartz cron expression such as \"0 0 6 1 * ?\" (was \"{BadSchedule}\")";
        Assert.Single(process.StandardOutput.Split('\n'), line => line.TrimEnd('\r') == expected);
        Assert.Contains("configuration is invalid: 1 problem(s)", process.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_refuses_a_bad_publish_folder_before_touching_the_ledger()
    {
        // A NUL is the one character no path may hold on every platform; only a file can carry it.
        _sandbox.WriteFile("appsettings.json", """{ "Reports": { "PublishFolder": "reports\u0000month" } }""");

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("migrate");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("Reports:PublishFolder is not a valid path", process.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath), "a command with a configuration problem must change nothing");
    }
}
