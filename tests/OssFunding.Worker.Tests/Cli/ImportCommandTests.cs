using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Import_exits_0_when_applied_and_says_so_when_nothing_changed()
    {
        await RegisterProjectsAsync();
        string file = _sandbox.WriteFile("allocations.csv", TestData.AllocationsCsv(("a-1", "10"), ("a-2", "2.5")));

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file);
        using (process)
        {
            Assert.True(exitCode == 0, process.AllOutput);
        }

        Assert.Equal(["a-1", "a-2"], (await LedgerSnapshot.AllocationsAsync(_sandbox.DatabasePath)).Select(a => a.Id).Order());

        (int againExit, WorkerProcess again) = await _sandbox.RunAsync("import", file);
        using (again)
        {
            Assert.Equal(0, againExit);
            Assert.Contains("already imported", again.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_files_are_read_as_json()
    {
        await RegisterProjectsAsync();
        string file = _sandbox.WriteFile("allocations.json", TestData.AllocationsJson("j-1", "99.5"));

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file);
        using var _ = process;

        Assert.True(exitCode == 0, process.AllOutput);
        Assert.Equal(99.5m, Assert.Single(await LedgerSnapshot.AllocationsAsync(_sandbox.DatabasePath)).Amount);
    }

    [Fact]
    public async Task Dry_run_reports_and_writes_nothing_even_without_a_safe_address()
    {
        await RegisterProjectsAsync();
        _sandbox.Environment.Remove("Safe__Address");
        string file = _sandbox.WriteFile("allocations.csv", TestData.AllocationsCsv(("d-1", "10")));

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file, "--dry-run");
        using var _ = process;

        Assert.True(exitCode == 0, process.AllOutput);
        Assert.Contains("dry run, nothing written", process.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(await LedgerSnapshot.AllocationsAsync(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task A_refused_file_exits_1_with_line_and_column_and_writes_nothing()
    {
        await RegisterProjectsAsync();
        string file = _sandbox.WriteFile(
            "allocations.csv",
            TestData.AllocationsCsv(("ok-1", "1"), ("bad-1", "1,000")) + "bad id!,2025-02,FFmpeg,projects," + TestData.FfmpegWallet + ",LPT,1,https://x.example/1,m\n");

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file);
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("line 4, column id", process.StandardError, StringComparison.Ordinal);
        Assert.Empty(await LedgerSnapshot.AllocationsAsync(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task A_missing_file_is_bad_input()
    {
        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", Path.Combine(_sandbox.Directory, "nope.csv"));
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("nope.csv", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_import_needs_the_safe_address()
    {
        _sandbox.Environment.Remove("Safe__Address");
        string file = _sandbox.WriteFile("allocations.csv", TestData.AllocationsCsv(("s-1", "1")));

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file);
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("Safe:Address: is required", process.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task An_unreachable_database_is_a_failure_not_bad_input()
    {
        string file = _sandbox.WriteFile("allocations.csv", TestData.AllocationsCsv(("f-1", "1")));
        _sandbox.Environment["Storage__Provider"] = "Postgres";
        _sandbox.Environment["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={RunningWorker.FreeLoopbackPort()};Username=nobody;Timeout=3";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file);
        using var _ = process;

        Assert.Equal(2, exitCode);
    }

    private async Task RegisterProjectsAsync()
    {
        string projects = _sandbox.WriteFile("projects.csv", TestData.ProjectsCsv());
        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("projects", "import", projects);
        using var _ = process;
        Assert.True(exitCode == 0, process.AllOutput);
        Assert.Equal(2, (await LedgerSnapshot.ProjectsAsync(_sandbox.DatabasePath)).Count);
    }
}
