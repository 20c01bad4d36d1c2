using System.Diagnostics;
using System.Net;
using OssFunding.TestSupport;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Publish;

/// <summary>
/// What the Docker image runs, without Docker: <c>dotnet publish -c Release</c> (as the Dockerfile does) into a
/// temporary folder, then the published dll's <c>config check</c>, <c>run</c> serving /health/live, and
/// <c>healthcheck</c> (the image's HEALTHCHECK). Build outputs go to a private artifacts folder so the repository's
/// own bin/obj folders are not touched.
/// </summary>
public sealed class PublishedAppTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task The_published_app_checks_its_configuration_serves_health_and_stops_on_sigterm()
    {
        string publishDirectory = Path.Combine(_sandbox.Directory, "app");
        await PublishAsync(publishDirectory);
        string dll = Path.Combine(publishDirectory, "OssFunding.Worker.dll");
        Assert.True(File.Exists(Path.Combine(publishDirectory, "appsettings.json")), "the shipped defaults must be published next to the binary");

        // As in the image: JSON logs, the ledger under a data folder, configuration by environment only.
        _sandbox.Environment["Logging__Format"] = "json";
        _sandbox.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(_sandbox.Directory, "data", "ossfunding.db")}";
        using (WorkerProcess check = WorkerProcess.Start(dll, _sandbox.Directory, _sandbox.Environment, "config", "check"))
        {
            Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, check.AllOutput);
            Assert.Contains("configuration is valid", check.StandardOutput, StringComparison.Ordinal);
        }

        int port = RunningWorker.FreeLoopbackPort();
        _sandbox.Environment["Api__Urls"] = $"http://127.0.0.1:{port}";
        await _sandbox.UseSharedDevnetAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using WorkerProcess run = WorkerProcess.Start(dll, _sandbox.Directory, _sandbox.Environment, "run");
        await RunningWorker.WaitUntilLiveAsync(run, client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);
        // The pages' script and stylesheet are inside the published build: served from it, nothing fetched elsewhere.
        string assets = Path.Combine(RepositoryRoot.Path, "src", "OssFunding.Worker", "Pages", "Assets");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(assets, "signer.js")), await client.GetStringAsync("assets/signer.js"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(assets, "pages.css")), await client.GetStringAsync("assets/pages.css"));
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/pages.css\">", await client.GetStringAsync(""), StringComparison.Ordinal);

        using (WorkerProcess healthcheck = WorkerProcess.Start(dll, _sandbox.Directory, _sandbox.Environment, "healthcheck"))
        {
            Assert.True(await healthcheck.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, healthcheck.AllOutput);
        }

        run.SendSigterm();
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.StartsWith("{\"@t\":", run.StandardOutput, StringComparison.Ordinal);
    }

    private async Task PublishAsync(string outputDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkerBinary.RepositoryRoot,
        };
        foreach (string arg in new[]
        {
            "publish", Path.Combine("src", "OssFunding.Worker", "OssFunding.Worker.csproj"), "-c", "Release", "-o", outputDirectory,
            "--artifacts-path", Path.Combine(_sandbox.Directory, "artifacts"), "-nologo", "-v", "quiet",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using Process publish = Process.Start(info)!;
        Task<string> output = publish.StandardOutput.ReadToEndAsync();
        Task<string> errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
    }
}
