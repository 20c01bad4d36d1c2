using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Configuration;

public sealed class ValidatorTests
{
    [Fact]
    public void Chain_collects_every_problem_with_key_and_value()
    {
        var options = new ChainOptions
        {
            ChainId = 0, RpcUrls = ["ftp://node"], Confirmations = -1, PollInterval = TimeSpan.Zero, MaxBlockRange = 0, ExplorerUrl = "arbiscan.io",
        };

        string[] failures = Failures(new ChainOptionsValidator().Validate(null, options));

        Assert.Equal(
            [
                "Chain:ChainId: must be between 1 and 9223372036854775807 (was 0)",
                "Chain:RpcUrls:0: must be an absolute http or https or ws or wss URL (value hidden)",
                "Chain:Confirmations: must be between 0 and 10000 (was -1)",
                "Chain:PollInterval: must be a positive duration (was 00:00:00)",
                "Chain:MaxBlockRange: must be between 1 and 1000000 (was 0)",
                "Chain:ExplorerUrl: must be an absolute http or https URL (was \"arbiscan.io\")",
            ],
            failures);
    }

    [Theory]
    [InlineData("0x5afe5afe5afe5afe5afe5afe5afe5afe5afecafe", "all-lowercase addresses are refused")]
    [InlineData("0x5AFE5AFE5AFE5AFE5AFE5AFE5AFE5AFE5AFECAFE", "EIP-55")]
    [InlineData("0x5afe", "40 hex digits")]
    [InlineData("0x0000000000000000000000000000000000000000", "zero address")]
    public void Addresses_must_carry_a_valid_checksum(string address, string expected)
    {
        string failure = Assert.Single(Failures(new SafeOptionsValidator().Validate(null, new SafeOptions { Address = address })));
        Assert.StartsWith("Safe:Address: ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_safe_address_is_fine_until_a_command_requires_it()
    {
        Assert.True(new SafeOptionsValidator().Validate(null, new SafeOptions()).Succeeded);
        Assert.Equal(
            "Safe:Address: is required to run the worker and to import allocations (was empty)",
            Assert.Single(Failures(new SafeAddressRequiredValidator().Validate(null, new SafeOptions()))));
    }

    [Fact]
    public void Budget_cycles_must_not_overlap_and_caps_must_be_plain_decimals_of_configured_tokens()
    {
        var budget = new BudgetOptions
        {
            Cycles =
            [
                Cycle("2025", "2025-01", "2025-12", ("projects", "LPT", "4000")),
                Cycle("2025b", "2025-06", "2026-05", ("projects", "DAI", "1"), ("admin", "LPT", "-5"), ("reserve", "USDC", "0.1234567")),
                Cycle("2025", "2026-13", "2026-12", ("admin", "LPT", "1,000")),
            ],
        };

        string[] failures = Failures(new BudgetOptionsValidator(DefaultConfiguration()).Validate(null, budget));

        Assert.Contains("Budget:Cycles:1:Caps:projects:DAI: names a token that is not configured in Tokens (was \"DAI\")", failures);
        Assert.Contains("Budget:Cycles:1:Caps:admin:LPT: must be a plain decimal number such as 4000 or 12.5 (was \"-5\")", failures);
        Assert.Contains("Budget:Cycles:1:Caps:reserve:USDC: has 7 decimals but the token has 6 (was \"0.1234567\")", failures);
        Assert.Contains("Budget:Cycles:2:Name: is used by another cycle (was \"2025\")", failures);
        Assert.Contains("Budget:Cycles:2:FirstPeriod: must be a month written YYYY-MM (was \"2026-13\")", failures);
        Assert.Contains("Budget:Cycles:2:Caps:admin:LPT: must be a plain decimal number such as 4000 or 12.5 (was \"1,000\")", failures);
        Assert.Contains("Budget:Cycles: cycles 2025 and 2025b overlap", failures);
        Assert.Equal(7, failures.Length);
    }

    [Theory]
    [InlineData("0 0 * * * ?", true)]
    [InlineData("0 */15 * * * ?", true)]
    [InlineData("hourly", false)]
    [InlineData("0 0 * * *", false)]
    [InlineData("0 0 0 1 1 ? 2001", false)]
    public void Drafting_schedule_is_a_quartz_cron_that_still_fires(string schedule, bool valid)
    {
        Assert.Equal(valid, new DraftingOptionsValidator().Validate(null, new DraftingOptions { Schedule = schedule }).Succeeded);
    }

    [Fact]
    public void Key_settings_must_match_the_mode()
    {
        string[] local = Failures(new SigningOptionsValidator().Validate(null, new SigningOptions { ProposerKeyFile = "/keys/proposer", ApiKey = "k" }));
        Assert.Equal(
            [
                "Signing:ProposerKeyFile: is only used when Signing:Mode is TransactionService; clear it or change the mode (was \"/keys/proposer\")",
                "Signing:ApiKey: is only used when Signing:Mode is TransactionService; clear it or change the mode (value hidden)",
            ],
            local);

        string[] service = Failures(new SigningOptionsValidator().Validate(null, new SigningOptions
        {
            Mode = SigningMode.TransactionService, BaseUrl = "https://safe-transaction-arbitrum.example", ProposerKeyEnv = "OSSFUNDING_TEST_UNSET_VARIABLE",
        }));
        Assert.Equal(["Signing:ProposerKeyEnv: names an environment variable that is not set (was \"OSSFUNDING_TEST_UNSET_VARIABLE\")"], service);

        string[] executor = Failures(new ExecutionOptionsValidator().Validate(null, new ExecutionOptions
        {
            Mode = ExecutionMode.Executor, ExecutorKeyFile = "/nonexistent/executor.key", GasLimitMargin = 0.9m,
            ReplaceAfter = TimeSpan.FromSeconds(5), MaxFeePerGasGwei = 0.0000000001m,
        }));
        Assert.Equal(
            [
                "Execution:ExecutorKeyFile: file not found (was \"/nonexistent/executor.key\")", "Execution:GasLimitMargin: must be between 1 and 3 (was 0.9)",
                "Execution:ReplaceAfter: must be between 00:00:10 and 01:00:00 (was 00:00:05)",
                "Execution:MaxFeePerGasGwei: must be more than 0 and at most 10000 gwei, with at most 9 decimals (1 wei) (was 0.0000000001)",
            ],
            executor);
    }

    [Fact]
    public void Secrets_are_never_repeated_in_problems()
    {
        var notifications = new NotificationsOptions
        {
            Slack = { WebhookUrl = "http://hooks.example/secret-slack" },
            Webhook = { Secret = "secret-hmac" },
        };
        var api = new ApiOptions { AdminToken = "short-secret", Urls = "http://0.0.0.0:8080" };

        string[] failures = [.. Failures(new NotificationsOptionsValidator().Validate(null, notifications)), .. Failures(new ApiOptionsValidator().Validate(null, api))];

        Assert.Equal(3, failures.Length);
        Assert.All(failures, f => Assert.DoesNotContain("secret-", f, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain("short-secret", f, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.EndsWith("(value hidden)", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("fd00::5", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("10", false)]
    [InlineData("10.0.0.1/8", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("proxy.internal", false)]
    [InlineData("", false)]
    public void Trusted_proxies_are_addresses_or_networks(string entry, bool valid)
    {
        var api = new ApiOptions { TrustedProxies = [entry] };

        string[] failures = Failures(new ApiOptionsValidator().Validate(null, api));

        if (valid)
        {
            Assert.Empty(failures);
        }
        else
        {
            Assert.StartsWith("Api:TrustedProxies:0: must be an IP address", Assert.Single(failures), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rate_limits_need_a_positive_limit_and_a_window_of_at_most_a_day()
    {
        var api = new ApiOptions();
        api.RateLimits.Writes.PermitLimit = 0;
        api.RateLimits.Writes.WindowSeconds = 86_401;
        api.RateLimits.AuthFailures.PermitLimit = 1_000_001;
        api.RateLimits.AuthFailures.WindowSeconds = 0;

        Assert.Equal(
            [
                "Api:RateLimits:Writes:PermitLimit: must be between 1 and 1000000 (was 0)",
                "Api:RateLimits:Writes:WindowSeconds: must be between 1 and 86400 (was 86401)",
                "Api:RateLimits:AuthFailures:PermitLimit: must be between 1 and 1000000 (was 1000001)",
                "Api:RateLimits:AuthFailures:WindowSeconds: must be between 1 and 86400 (was 0)",
            ],
            Failures(new ApiOptionsValidator().Validate(null, api)));
        Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded, "the defaults must be valid");
    }

    [Fact]
    public void Storage_needs_a_parseable_connection_string_for_its_provider()
    {
        Assert.False(new StorageOptionsValidator().Validate(null, new StorageOptions { ConnectionString = "Cache=Shared" }).Succeeded);
        Assert.False(new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Nonsense Key=1" }).Succeeded);
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db;Password=x" }).Succeeded);
    }

    [Fact]
    public void Signers_need_checksummed_unique_addresses_and_names()
    {
        var options = new NotificationsOptions
        {
            Signers = [new SignerOptions { Address = TestData.FfmpegWallet, Name = "Ada" }, new SignerOptions { Address = TestData.FfmpegWallet, Email = "no-at-sign" }],
        };

        Assert.Equal(
            [
                $"Notifications:Signers:1:Address: is listed twice (was \"{TestData.FfmpegWallet}\")",
                "Notifications:Signers:1:Name: is required (notices name who is missing)",
                "Notifications:Signers:1:Email: is not an email address (was \"no-at-sign\")",
            ],
            Failures(new NotificationsOptionsValidator().Validate(null, options)));
    }

    private static BudgetCycleOptions Cycle(string name, string first, string last, params (string Category, string Token, string Cap)[] caps)
    {
        var cycle = new BudgetCycleOptions { Name = name, FirstPeriod = first, LastPeriod = last };
        foreach ((string category, string token, string cap) in caps)
        {
            if (!cycle.Caps.TryGetValue(category, out Dictionary<string, string>? byToken))
            {
                cycle.Caps[category] = byToken = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            byToken[token] = cap;
        }

        return cycle;
    }

    private static IConfiguration DefaultConfiguration() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

    private static string[] Failures(ValidateOptionsResult result) => result.Failures?.ToArray() ?? [];
}
