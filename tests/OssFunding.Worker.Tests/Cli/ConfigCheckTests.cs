using System.Text.Json;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Cli;

public sealed class ConfigCheckTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Environment_overrides_files_and_arguments_override_the_environment()
    {
        _sandbox.WriteFile("appsettings.json", """{ "Chain": { "Confirmations": 11, "MaxBlockRange": 500 }, "Drafting": { "MaxLiveTransactions": 2 } }""");
        _sandbox.Environment["Chain__Confirmations"] = "33";
        _sandbox.Environment["Drafting__MaxLiveTransactions"] = "3";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("config", "check", "--Drafting:MaxLiveTransactions=4");
        using var _ = process;

        Assert.Equal(0, exitCode);
        JsonElement config = EffectiveJson(process.StandardOutput);
        Assert.Equal("33", config.GetProperty("Chain").GetProperty("Confirmations").GetString());
        Assert.Equal("500", config.GetProperty("Chain").GetProperty("MaxBlockRange").GetString());
        Assert.Equal("4", config.GetProperty("Drafting").GetProperty("MaxLiveTransactions").GetString());
        Assert.Equal("42161", config.GetProperty("Chain").GetProperty("ChainId").GetString());
        Assert.Contains("configuration is valid", process.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_secret_is_masked()
    {
        var secrets = new Dictionary<string, string>
        {
            ["Api__AdminToken"] = "secret-admin-token-value-1",
            ["Api__ReadToken"] = "secret-read-token-value-2",
            ["Signing__ApiKey"] = "secret-api-key-value-3",
            ["Notifications__Webhook__Secret"] = "secret-hmac-value-4",
            ["Notifications__Slack__WebhookUrl"] = "https://hooks.slack.example/services/secret-slack-5",
            ["Notifications__Discord__WebhookUrl"] = "https://discord.example/api/webhooks/secret-discord-6",
            ["Notifications__Telegram__BotToken"] = "secret-bot-token-7",
            ["Notifications__Email__Password"] = "secret-mail-password-8",
            ["Serilog__Properties__IngestToken"] = "secret-log-token-9",
        };
        foreach ((string key, string value) in secrets)
        {
            _sandbox.Environment[key] = value;
        }

        _sandbox.Environment["Storage__Provider"] = "Postgres";
        _sandbox.Environment["Storage__ConnectionString"] = "Host=127.0.0.1;Username=worker;Password=secret-db-password-10";

        (_, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using WorkerProcess finished = process;

        foreach (string secret in secrets.Values.Append("secret-db-password-10"))
        {
            Assert.DoesNotContain(secret, process.AllOutput, StringComparison.Ordinal);
        }

        JsonElement config = EffectiveJson(process.StandardOutput);
        Assert.Equal("***", config.GetProperty("Api").GetProperty("AdminToken").GetString());
        Assert.Equal("***", config.GetProperty("Notifications").GetProperty("Slack").GetProperty("WebhookUrl").GetString());
        string connection = config.GetProperty("Storage").GetProperty("ConnectionString").GetString()!;
        Assert.Contains("127.0.0.1", connection, StringComparison.Ordinal);
        Assert.Contains("***", connection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_are_listed_after_the_configuration_with_exit_code_1()
    {
        _sandbox.Environment["Notifications__Telegram__BotToken"] = "secret-bot-token-for-check";
        _sandbox.Environment["Chain__ExplorerUrl"] = "arbiscan";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("error: Notifications:Telegram:ChatId: is required when Notifications:Telegram:BotToken is set", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("error: Chain:ExplorerUrl: must be an absolute http or https URL (was \"arbiscan\")", process.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-bot-token-for-check", process.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Works_without_a_safe_address_and_warns_about_it()
    {
        _sandbox.Environment.Remove("Safe__Address");

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using var _ = process;

        Assert.Equal(0, exitCode);
        Assert.Contains("warning: Safe:Address is required", process.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath), "config check must not touch the ledger");
    }

    [Fact]
    public async Task A_broken_serilog_section_is_reported_as_a_problem()
    {
        _sandbox.Environment["Serilog__WriteTo__0__Args__path"] = "log.txt";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("config", "check");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("error: Serilog: ", process.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The JSON document printed first, before the validation lines.</summary>
    private static JsonElement EffectiveJson(string output)
    {
        int end = output.IndexOf("\n}", StringComparison.Ordinal);
        Assert.True(end > 0, output);
        return JsonDocument.Parse(output[..(end + 2)]).RootElement.Clone();
    }
}
