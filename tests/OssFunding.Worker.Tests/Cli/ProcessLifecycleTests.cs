using System.Diagnostics;
using System.Net;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Cli;

public sealed class ProcessLifecycleTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Sigterm_stops_the_worker_cleanly_with_exit_code_0_and_healthcheck_follows_it()
    {
        await _sandbox.UseSharedDevnetAsync();
        int port = RunningWorker.FreeLoopbackPort();
        // localhost, not a wildcard: tests listen on loopback only (the wildcard mapping is covered in HostPiecesTests).
        _sandbox.Environment["Api__Urls"] = $"http://localhost:{port}";
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using WorkerProcess worker = WorkerProcess.Start(_sandbox.Directory, _sandbox.Environment, "run");
        await RunningWorker.WaitUntilLiveAsync(worker, client);

        (int healthyExit, WorkerProcess healthy) = await _sandbox.RunAsync("healthcheck");
        using (healthy)
        {
            Assert.True(healthyExit == 0, healthy.AllOutput);
        }

        var stopwatch = Stopwatch.StartNew();
        worker.SendSigterm();
        int exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Contains("Stopped cleanly", worker.StandardOutput, StringComparison.Ordinal);

        (int downExit, WorkerProcess down) = await _sandbox.RunAsync("healthcheck");
        using (down)
        {
            Assert.Equal(1, downExit);
            Assert.Contains("unhealthy", down.AllOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_command_it_runs_the_worker_with_json_logs_when_asked_by_environment()
    {
        await _sandbox.UseSharedDevnetAsync();
        int port = RunningWorker.FreeLoopbackPort();
        _sandbox.Environment["Api__Urls"] = $"http://127.0.0.1:{port}";
        _sandbox.Environment["OSSFUNDING_LOG_FORMAT"] = "json";
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using WorkerProcess worker = WorkerProcess.Start(_sandbox.Directory, _sandbox.Environment);
        await RunningWorker.WaitUntilLiveAsync(worker, client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);

        worker.SendSigterm();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)));

        string[] lines = worker.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("{\"@t\":", line, StringComparison.Ordinal));
        Assert.DoesNotContain(TestData.AdminToken, worker.AllOutput, StringComparison.Ordinal);
    }
}
