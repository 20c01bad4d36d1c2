using System.Net;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Backup;

/// <summary>
/// <c>backup --out FILE</c> against a real worker that keeps running: the copy restores to a ledger the worker carries on
/// from, and the command refuses what it must not do.
/// </summary>
public sealed class SqliteBackupTests
{
    [Fact]
    public async Task Backup_taken_while_the_worker_runs_restores_and_the_worker_carries_on()
    {
        using var sandbox = new WorkerSandbox();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/"), Timeout = TimeSpan.FromSeconds(60) };
        sandbox.Environment["Api__Urls"] = client.BaseAddress.ToString().TrimEnd('/');
        await sandbox.UseSharedDevnetAsync();
        string kept = TestData.NewId("kept");
        string afterBackup = TestData.NewId("late");
        string copy = Path.Combine(sandbox.Directory, "backup", "ledger-copy.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);

        using (WorkerProcess first = await StartAsync(sandbox, client))
        {
            await PostAsync(client, "api/projects", TestData.ProjectsCsv());
            await PostAsync(client, "api/allocations", TestData.AllocationsCsv((kept, "7.25")));

            (int exitCode, WorkerProcess backup) = await sandbox.RunAsync("backup", "--out", copy);
            Assert.True(exitCode == 0, backup.AllOutput);
            Assert.Contains($"backup written: {copy}", backup.StandardOutput, StringComparison.Ordinal);
            Assert.Matches(@"size: [1-9]\d* bytes", backup.StandardOutput);
            Assert.Matches(@"schema version: \S+\.sql \([1-9]\d* migrations applied\)", backup.StandardOutput);
            Assert.False(first.HasExited, "the worker must keep running during the backup");

            // Written after the copy: the restore must not have it.
            await PostAsync(client, "api/allocations", TestData.AllocationsCsv((afterBackup, "1")));
            await StopAsync(first);
        }

        RestoreLedger(sandbox.DatabasePath, copy);

        using WorkerProcess second = await StartAsync(sandbox, client);
        await WaitUntilReadyAsync(client, second);
        JsonElement restored = await Json.ReadAsync(await client.GetAsync($"api/allocations/{kept}"), HttpStatusCode.OK);
        Assert.Equal("7.25", restored.GetProperty("amount").GetString());
        Assert.Equal("Approved", restored.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/allocations/{afterBackup}")).StatusCode);

        // It carries on writing to the restored ledger.
        await PostAsync(client, "api/allocations", TestData.AllocationsCsv((afterBackup, "1")));
        JsonElement list = await Json.ReadAsync(await client.GetAsync("api/allocations"), HttpStatusCode.OK);
        Assert.Equal(new[] { kept, afterBackup }.Order(StringComparer.Ordinal), list.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        await StopAsync(second);
    }

    [Fact]
    public async Task Backup_refuses_an_existing_file_and_leaves_it_untouched()
    {
        using var sandbox = new WorkerSandbox();
        Assert.Equal(0, (await sandbox.RunAsync("migrate")).ExitCode);
        string existing = sandbox.WriteFile("existing.db", "keep me");

        (int exitCode, WorkerProcess backup) = await sandbox.RunAsync("backup", "--out", existing);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: {existing} already exists; backup never overwrites: choose a new file name", backup.StandardError.Trim());
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task Backup_refuses_a_missing_folder_and_creates_nothing()
    {
        using var sandbox = new WorkerSandbox();
        Assert.Equal(0, (await sandbox.RunAsync("migrate")).ExitCode);
        string folder = Path.Combine(sandbox.Directory, "missing");

        (int exitCode, WorkerProcess backup) = await sandbox.RunAsync("backup", "--out", Path.Combine(folder, "copy.db"));

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: the folder {folder} of --out does not exist", backup.StandardError.Trim());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Backup_with_the_postgres_provider_is_refused_with_the_pg_dump_command()
    {
        using var sandbox = new WorkerSandbox();
        sandbox.Environment["Storage__Provider"] = "Postgres";
        sandbox.Environment["Storage__ConnectionString"] = "Host=db.internal;Port=6543;Username=ossfunding;Password=hunter2-secret;Database=ledger";
        string output = Path.Combine(sandbox.Directory, "ledger.dump");

        (int exitCode, WorkerProcess backup) = await sandbox.RunAsync("backup", "--out", output);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "error: backup copies a SQLite ledger; with Storage:Provider=Postgres use pg_dump instead: "
            + $"pg_dump --host=db.internal --port=6543 --username=ossfunding --dbname=ledger --format=custom --file={output}",
            backup.StandardError.Trim());
        Assert.DoesNotContain("hunter2", backup.AllOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static async Task<WorkerProcess> StartAsync(WorkerSandbox sandbox, HttpClient client)
    {
        WorkerProcess process = WorkerProcess.Start(sandbox.Directory, sandbox.Environment, "run");
        await WaitUntilLiveAsync(process, client);
        return process;
    }

    private static async Task StopAsync(WorkerProcess process)
    {
        process.SendSigterm();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>What docs/operations.md tells operators: remove the ledger and its WAL files, put the copy in place.</summary>
    private static void RestoreLedger(string ledger, string copy)
    {
        foreach (string file in new[] { ledger, ledger + "-wal", ledger + "-shm" })
        {
            File.Delete(file);
        }

        File.Copy(copy, ledger);
    }

    private static async Task PostAsync(HttpClient client, string path, string csv)
    {
        using HttpResponseMessage response = await client.SendAsync(AsAdmin(Post(path, csv, "text/csv")));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, WorkerProcess process)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = (await client.GetAsync("health/ready")).StatusCode;
            if (last == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"restored worker not ready after 60 s (last {last}):\n{process.AllOutput}");
    }
}
