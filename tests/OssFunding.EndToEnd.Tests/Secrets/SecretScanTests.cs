using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;
using OssFunding.TestSupport.Receivers;

namespace OssFunding.EndToEnd.Tests.Secrets;

/// <summary>
/// SPEC §2 invariant 8 (secrets never appear) over the whole pipeline (security issue item 3): the real worker pays the
/// samples month with every secret set to a recognisable value (admin and read tokens, webhook secret, SMTP password,
/// Telegram bot token, Slack and Discord webhook URLs, an RPC URL with userinfo and a path key, the executor key) and
/// notices going out on every channel. Then every log line, API response, report, notice body, metric, CLI output and
/// database row is scanned for each of them. The test first checks each secret was in use, so there was something to
/// leak.
/// </summary>
public sealed class SecretScanTests
{
    private const string ReadToken = "READTOKEN-e4c1b7a9";
    private const string WebhookSecret = "WEBHOOKSECRET-93d0f2";
    private const string SmtpPassword = "SMTPPASSWORD-6a8e1c";
    private const string TelegramToken = "123456:TELEGRAMSECRET8c2f6d1e";
    private const string SlackKey = "SLACKSECRET5b9e0a7c3d1f";
    private const string DiscordKey = "DISCORDSECRET2f8d4b6a0c9e";
    private const string RpcPassword = "RPCPASSWORD-1f7a";
    private const string RpcPathKey = "RPCPATHKEY7d3b9f1e5c0a";

    [Fact]
    public async Task No_secret_appears_in_any_log_response_report_notice_metric_cli_output_or_row()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        using var certificate = LoopbackCertificate.Create();
        await using var hooks = await LoopbackReceiver.StartAsync(certificate);
        await using var smtp = SmtpSink.Start(("mailer", SmtpPassword));
        await using var rpc = await FaultProxy.StartAsync(scenario.Chain.RpcUrl);
        var environment = scenario.Environment(executor: true, extra: Settings(scenario, hooks, smtp, rpc));
        environment["SSL_CERT_FILE"] = LoopbackCertificate.TrustFileFor(certificate, scenario.Folder); // Slack and Discord are https only
        var executorKey = scenario.World.Deployer.PrivateKey[2..];
        string[] secrets = [Scenario.AdminToken, ReadToken, WebhookSecret, SmtpPassword, TelegramToken, SlackKey, DiscordKey, RpcPassword, RpcPathKey, executorKey];

        var (worker, api) = await scenario.StartWorkerAsync(environment);
        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, safeTxHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.ApproveHash]);
        await api.WaitForStatusAsync(safeTxHash, "Confirmed", TimeSpan.FromSeconds(90));
        await WaitForNoticesAsync(hooks, smtp);

        var seen = new List<(string Where, string Text)>();
        foreach (var path in ApiPaths)
        {
            seen.Add((path, (await api.SendAsync(HttpMethod.Get, path)).Body));
        }

        seen.AddRange(hooks.Requests.Select(request => ($"notice {request.Path.Split('/')[1]}", request.Text)));
        seen.AddRange(smtp.Messages.Select(message => ("email notice", message.ToString())));
        foreach (string[] command in CliCommands)
        {
            using var cli = WorkerProcess.Start(scenario.Folder, environment, command);
            await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
            seen.Add(($"cli {string.Join(' ', command)}", cli.Output));
        }

        seen.Add(("database rows", await DumpDatabaseAsync(scenario.DatabasePath)));
        worker.SendSigterm();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
        seen.Add(("worker log", worker.Output));

        Assert.True(rpc.TotalCalls > 0, "the RPC URL with credentials was never used");
        Assert.True(smtp.Logins > 0, "the SMTP password was never used");
        var leaks = seen.SelectMany(item => secrets.Where(secret => item.Text.Contains(secret, StringComparison.OrdinalIgnoreCase))
            .Select(secret => $"{secret} in {item.Where}")).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    private static readonly string[] ApiPaths =
    [
        "api/status", "api/transactions", "api/allocations", "api/payments", "api/alerts", "api/projects", "metrics",
        "api/reports/2025-01?format=json", "api/reports/2025-01?format=md", "api/reports/2025-01?format=csv",
        "api/reports/2025-01?format=html", "api/reports/annual/2025", "health/ready", "/",
    ];

    private static readonly string[][] CliCommands =
    [
        ["config", "check"], ["status"], ["tx", "list"], ["report", "2025-01"], ["payments", "list"], ["verify", "2025-01"],
    ];

    private static Dictionary<string, string> Settings(Scenario scenario, LoopbackReceiver hooks, SmtpSink smtp, FaultProxy rpc)
    {
        var owner = scenario.World.Owners[0];
        var rpcAddress = new Uri(rpc.Url);
        return new Dictionary<string, string>
        {
            ["Api__ReadToken"] = ReadToken,
            ["Chain__RpcUrls__0"] = $"http://rpcuser:{RpcPassword}@{rpcAddress.Authority}/v2/{RpcPathKey}",
            ["Notifications__PublicBaseUrl"] = "https://worker.example",
            ["Notifications__Signers__0__Address"] = owner.Address,
            ["Notifications__Signers__0__Name"] = "Owner One",
            ["Notifications__Signers__0__Email"] = "owner.one@example.org",
            ["Notifications__Signers__0__TelegramChatId"] = "4242",
            ["Notifications__Webhook__Url"] = $"{hooks.BaseUrl}/webhook/ossfunding",
            ["Notifications__Webhook__Secret"] = WebhookSecret,
            ["Notifications__Slack__WebhookUrl"] = $"{hooks.BaseUrl}/slack/services/T000/B000/{SlackKey}",
            ["Notifications__Discord__WebhookUrl"] = $"{hooks.BaseUrl}/discord/api/webhooks/1234/{DiscordKey}",
            ["Notifications__Telegram__ApiBaseUrl"] = $"{hooks.BaseUrl}/telegram",
            ["Notifications__Telegram__BotToken"] = TelegramToken,
            ["Notifications__Telegram__ChatId"] = "-100777",
            ["Notifications__Email__Host"] = "127.0.0.1",
            ["Notifications__Email__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__Email__UseTls"] = "false",
            ["Notifications__Email__User"] = "mailer",
            ["Notifications__Email__Password"] = SmtpPassword,
            ["Notifications__Email__From"] = "worker@example.org",
        };
    }

    /// <summary>Waits until every channel has delivered at least one notice (the drafted transaction's, at least).</summary>
    private static async Task WaitForNoticesAsync(LoopbackReceiver hooks, SmtpSink smtp)
    {
        string[] channels = ["webhook", "slack", "discord", "telegram"];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (smtp.Messages.Count == 0 || channels.Any(channel => !hooks.Requests.Any(request => request.Path.StartsWith($"/{channel}/", StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"notices did not reach every channel: {smtp.Messages.Count} emails, paths {string.Join(", ", hooks.Requests.Select(r => r.Path.Split('/')[1]).Distinct())}");
            await Task.Delay(250);
        }
    }

    /// <summary>Every row of every table, as text.</summary>
    private static async Task<string> DumpDatabaseAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'");
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM \"{table}\""))
            {
                text.Append(table).Append(": ").AppendJoin('|', row.Values).AppendLine();
            }
        }

        return text.ToString();
    }
}
