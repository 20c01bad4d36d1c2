using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Cli;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Hosting;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Configuration;

/// <summary>Secrets given as <c>XFile</c> paths (Docker secrets): read once at start, never shown, refused when unreadable.</summary>
public sealed class SecretFilesTests : IDisposable
{
    private const string AdminToken = "admin-token-from-a-file-4f1c9e";
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void A_secret_file_becomes_the_setting_without_its_trailing_newline()
    {
        string admin = _sandbox.WriteFile("admin_token", AdminToken + "\n");
        string webhook = _sandbox.WriteFile("webhook_secret", "hmac-secret-from-file\r\n");
        string database = _sandbox.WriteFile("db", "Host=db;Username=worker;Password=pg-from-file");

        using IHost host = WorkerHost.BuildCommandHost(new HostNeeds(
            [$"--Api:AdminTokenFile={admin}", "--Notifications:Webhook:Url=https://hooks.example.org/ossfunding", $"--Notifications:Webhook:SecretFile={webhook}",
             $"--Storage:ConnectionStringFile={database}", "--Storage:Provider=Postgres"],
            RequireSafeAddress: false));

        Assert.Equal(AdminToken, host.Services.GetRequiredService<IOptions<ApiOptions>>().Value.AdminToken);
        Assert.Equal("hmac-secret-from-file", host.Services.GetRequiredService<IOptions<NotificationsOptions>>().Value.Webhook.Secret);
        Assert.Equal("Host=db;Username=worker;Password=pg-from-file", host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.DoesNotContain(host.Services.GetRequiredService<ConfigurationValidation>().FindProblems(), p => p.Contains("File", StringComparison.Ordinal));
    }

    [Fact]
    public void A_setting_given_both_ways_is_refused()
    {
        string admin = _sandbox.WriteFile("admin_token", AdminToken);
        using IHost host = WorkerHost.BuildCommandHost(new HostNeeds(
            [$"--Api:AdminTokenFile={admin}", "--Api:AdminToken=another-admin-token-value"], RequireSafeAddress: false));

        string problem = Assert.Single(host.Services.GetRequiredService<ConfigurationValidation>().FindProblems(), p => p.StartsWith("Api:AdminTokenFile:", StringComparison.Ordinal));
        Assert.Contains("not both", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminToken, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_uses_the_file_and_shows_the_secret_masked()
    {
        _sandbox.Environment.Remove("Api__AdminToken");
        _sandbox.Environment["Api__AdminTokenFile"] = _sandbox.WriteFile("admin_token", AdminToken + "\n");
        _sandbox.Environment["Notifications__Telegram__BotTokenFile"] = _sandbox.WriteFile("bot_token", "123456:telegram-bot-token-from-file\n");
        _sandbox.Environment["Notifications__Telegram__ChatId"] = "-1001234567890";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using WorkerProcess finished = process;

        Assert.True(exitCode == ExitCodes.Done, process.AllOutput);
        Assert.DoesNotContain(AdminToken, process.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("telegram-bot-token-from-file", process.AllOutput, StringComparison.Ordinal);
        string json = process.StandardOutput[..(process.StandardOutput.LastIndexOf('}') + 1)];
        JsonElement api = JsonDocument.Parse(json).RootElement.GetProperty("Api");
        Assert.Equal(SecretMasker.Mask, api.GetProperty("AdminToken").GetString());
    }

    [Theory]
    [InlineData("config", "check")]
    [InlineData("run")]
    public async Task A_missing_secret_file_stops_the_command_naming_the_key_and_the_path(params string[] command)
    {
        string missing = Path.Combine(_sandbox.Directory, "secrets", "admin_token");
        _sandbox.Environment.Remove("Api__AdminToken");
        _sandbox.Environment["Api__AdminTokenFile"] = missing;

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync(command);
        using WorkerProcess finished = process;

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"Api:AdminTokenFile: cannot read the secret file (file not found) (was \"{missing}\")", process.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", process.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_secret_file_key_names_a_setting_that_is_masked()
    {
        foreach (string key in SecretFiles.Keys)
        {
            string masked = SecretMasker.MaskValue(key, "Password=x;value")!;
            Assert.NotEqual("Password=x;value", masked);
        }
    }
}
