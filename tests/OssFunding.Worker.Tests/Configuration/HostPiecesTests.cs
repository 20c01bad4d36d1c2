using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Api;
using OssFunding.Worker.Cli;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Hosting;

namespace OssFunding.Worker.Tests.Configuration;

public sealed class HostPiecesTests
{
    [Fact]
    public void Options_bound_by_both_the_ledger_and_the_host_are_bound_once()
    {
        using IHost host = WorkerHost.BuildCommandHost(new HostNeeds([], RequireSafeAddress: false));

        Assert.Single(host.Services.GetRequiredService<IOptions<BudgetOptions>>().Value.Cycles);
        Assert.Single(host.Services.GetRequiredService<IOptions<ChainOptions>>().Value.RpcUrls);
        Assert.Equal(2, host.Services.GetRequiredService<IOptions<TokensOptions>>().Value.Count);
        Assert.Empty(host.Services.GetRequiredService<ConfigurationValidation>().FindProblems());
    }

    [Theory]
    [InlineData("Storage:ConnectionString", "Host=db;Username=w;Password=hunter2", "host=db;username=w;password=***")]
    [InlineData("Storage:ConnectionString", "Data Source=data/ossfunding.db", "Data Source=data/ossfunding.db")]
    [InlineData("Storage:ConnectionString", "Host=db;Pwd=hunter2", "host=db;pwd=***")]
    [InlineData("Api:AdminToken", "abc", "***")]
    [InlineData("Api:AdminToken", "", "")]
    [InlineData("Notifications:Discord:WebhookUrl", "https://discord.example/x", "***")]
    [InlineData("Serilog:WriteTo:0:Args:apiKey", "k", "***")]
    [InlineData("Chain:RpcUrls:0", "https://arb-mainnet.example/v2/SECRETKEY123456789012345", "https://arb-mainnet.example/v2/***")]
    [InlineData("Chain:RpcUrls:0", "http://user:PASSWORD@host/", "http://***@host/")]
    [InlineData("Signing:BaseUrl", "https://tx.example/api?apikey=k", "https://tx.example/api?apikey=***")]
    [InlineData("Notifications:Webhook:Url", "https://hooks.example/in/Zx9Yw8Vu7Ts6Rq5Po4Nm3", "https://hooks.example/in/***")]
    [InlineData("Chain:RpcUrls:0", "http://127.0.0.1:8545", "http://127.0.0.1:8545")]
    [InlineData("Chain:ExplorerUrl", "https://arbiscan.io", "https://arbiscan.io")]
    [InlineData("Notifications:Email:User", "treasury", "treasury")]
    public void Secret_masker_hides_credentials_only(string path, string value, string expected)
    {
        Assert.Equal(expected, SecretMasker.MaskValue(path, value));
    }

    [Theory]
    [InlineData("12.50", "\"12.5\"")]
    [InlineData("4000", "\"4000\"")]
    [InlineData("0.000000000000000001", "\"0.000000000000000001\"")]
    public void Decimals_are_written_as_plain_strings(string value, string json)
    {
        var options = new JsonSerializerOptions { Converters = { new DecimalStringJsonConverter() } };
        decimal amount = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(json, JsonSerializer.Serialize(amount, options));
        Assert.Equal(amount, JsonSerializer.Deserialize<decimal>(json, options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<decimal>("12.5", options));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("http://+:9000;http://localhost:9001", "http://127.0.0.1:9000/health/live")]
    [InlineData("http://[::]:8081", "http://127.0.0.1:8081/health/live")]
    [InlineData("http://10.1.2.3:8080", "http://10.1.2.3:8080/health/live")]
    public void Healthcheck_reaches_the_first_listen_address_on_loopback(string urls, string expected)
    {
        Assert.Equal(new Uri(expected), HealthcheckCommand.LivenessUrl(urls));
    }

    [Fact]
    public void Healthcheck_refuses_urls_it_cannot_reach()
    {
        Assert.Null(HealthcheckCommand.LivenessUrl(""));
        Assert.Null(HealthcheckCommand.LivenessUrl("ftp://0.0.0.0:21"));
    }
}
