using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Cli;

public sealed class ConfigurationStartupTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("run")]
    [InlineData("migrate")]
    public async Task Several_bad_values_stop_the_start_with_one_line_per_key_and_change_nothing(string command)
    {
        _sandbox.Environment["Chain__Confirmations"] = "-1";
        _sandbox.Environment["Drafting__Schedule"] = "every hour";
        _sandbox.Environment["Tokens__LPT__Decimals"] = "40";
        _sandbox.Environment["Safe__MultiSendCallOnly"] = "0x9641d764fc13c8b624c04430c7356c1c7c8102e2";
        _sandbox.Environment["Budget__Cycles__0__LastPeriod"] = "2024-12";
        _sandbox.Environment["Budget__Cycles__0__Caps__admin__LPT"] = "1e3";
        _sandbox.Environment["Api__MaxBodyBytes"] = "0";
        _sandbox.Environment["Execution__Mode"] = "Executor";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync(command);
        using var _ = process;

        Assert.Equal(1, exitCode);
        string[] lines = process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Chain:Confirmations: must be between 0 and 10000 (was -1)", lines);
        Assert.Contains(lines, l => l.StartsWith("Drafting:Schedule: ", StringComparison.Ordinal) && l.Contains("every hour", StringComparison.Ordinal));
        Assert.Contains("Tokens:LPT:Decimals: must be between 0 and 36 (was 40)", lines);
        Assert.Contains(lines, l => l.StartsWith("Safe:MultiSendCallOnly: must be an EIP-55 checksummed address", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Budget:Cycles:0:LastPeriod: must not be before FirstPeriod 2025-01", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Budget:Cycles:0:Caps:admin:LPT: must be a plain decimal", StringComparison.Ordinal));
        Assert.Contains("Api:MaxBodyBytes: must be between 1 and 9223372036854775807 (was 0)", lines);
        Assert.Contains(lines, l => l.StartsWith("Execution:ExecutorKeyFile: set exactly one of", StringComparison.Ordinal));
        Assert.Equal(8, lines.Length);
        Assert.False(File.Exists(_sandbox.DatabasePath), "a refused start must not create the ledger");
    }

    [Fact]
    public async Task A_value_that_cannot_be_bound_is_reported_with_its_key()
    {
        _sandbox.Environment["Chain__Confirmations"] = "twenty";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("migrate");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("Chain:Confirmations", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_needs_the_safe_address_but_migrate_does_not()
    {
        _sandbox.Environment.Remove("Safe__Address");

        (int runExit, WorkerProcess run) = await _sandbox.RunAsync("run");
        using (run)
        {
            Assert.Equal(1, runExit);
            Assert.Contains("Safe:Address: is required", run.StandardError, StringComparison.Ordinal);
        }

        (int migrateExit, WorkerProcess migrate) = await _sandbox.RunAsync("migrate");
        using (migrate)
        {
            Assert.Equal(0, migrateExit);
            Assert.True(File.Exists(_sandbox.DatabasePath));
        }
    }

    [Fact]
    public async Task A_lowercase_safe_address_is_refused()
    {
        _sandbox.Environment["Safe__Address"] = TestData.SafeAddress.ToLowerInvariant();

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("migrate");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains($"Safe:Address: must be an EIP-55 checksummed address (all-lowercase addresses are refused) (was \"{TestData.SafeAddress.ToLowerInvariant()}\")", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_argument_is_bad_input()
    {
        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("migrate", "--force");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("--force", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failpoint_outside_Development_stops_the_start_with_the_reason()
    {
        _sandbox.Environment["Testing__FailPoint"] = "AfterDraftPersisted";
        _sandbox.Environment["DOTNET_ENVIRONMENT"] = "Production";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("Testing:FailPoint is set to 'AfterDraftPersisted' but the environment is 'Production'", process.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath), "a refused start must not create the ledger");
    }

    [Fact]
    public async Task An_unknown_failpoint_name_stops_the_start_even_in_Development()
    {
        _sandbox.Environment["Testing__FailPoint"] = "AfterDraftPersistd";
        _sandbox.Environment["DOTNET_ENVIRONMENT"] = "Development";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("Testing:FailPoint 'AfterDraftPersistd' is not a failpoint; known: AfterDraftPersisted,", process.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("but the environment is", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rate_limits_and_trusted_proxies_stop_the_start_with_one_line_per_key_and_change_nothing()
    {
        _sandbox.Environment["Api__RateLimits__Writes__PermitLimit"] = "0";
        _sandbox.Environment["Api__RateLimits__AuthFailures__WindowSeconds"] = "90000";
        _sandbox.Environment["Api__TrustedProxies__0"] = "10.0.0.1";
        _sandbox.Environment["Api__TrustedProxies__1"] = "proxy.internal";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        string[] lines = process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "Api:RateLimits:Writes:PermitLimit: must be between 1 and 1000000 (was 0)",
                "Api:RateLimits:AuthFailures:WindowSeconds: must be between 1 and 86400 (was 90000)",
                "Api:TrustedProxies:1: must be an IP address (10.0.0.5, fd00::5) or a CIDR network without host bits (10.0.0.0/8) (was \"proxy.internal\")",
            ],
            lines);
        Assert.False(File.Exists(_sandbox.DatabasePath), "a refused start must not create the ledger");
    }

    [Fact]
    public async Task A_rate_limit_that_is_not_a_number_is_reported_with_its_key()
    {
        _sandbox.Environment["Api__RateLimits__Writes__WindowSeconds"] = "a minute";

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("migrate");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("Api:RateLimits:Writes:WindowSeconds", process.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath), "a refused start must not create the ledger");
    }
}
