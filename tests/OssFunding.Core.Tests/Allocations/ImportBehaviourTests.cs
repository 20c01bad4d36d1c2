using Dapper;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.TestSupport;
using static OssFunding.Core.Tests.Allocations.AllocationFile;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>What a good import does, on both engines.</summary>
public abstract class ImportBehaviourTests : LedgerFixture
{
    public static TheoryData<string, string, int> AcceptedFiles => new()
    {
        { "UTF-8 BOM", "\uFEFF" + Csv(Row("bom")), 1 },
        { "CRLF line ends", Csv(Row("crlf-1"), Row("crlf-2")).Replace("\n", "\r\n", StringComparison.Ordinal), 2 },
        { "quoted commas and quotes in memo", Csv(Row("quoted").With("memo", "January, \"final\" tranche")), 1 },
        { "cap exactly reached", Csv(Row("exact-1", "600"), Row("exact-2", "400")), 2 },
        { "fiat reference", Csv(Row("fiat").With("fiat_amount", "1500").With("fiat_currency", "EUR")), 1 },
        { "USDC with six decimals", Csv(Row("usdc", "1234.567891", "USDC")), 1 },
        { "blank line between rows", Csv(Row("blank-1"), Row("blank-2")).Replace("\nblank-2", "\n\nblank-2", StringComparison.Ordinal), 2 },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public async Task Accepts_well_formed_variants(string name, string csv, int rows)
    {
        var outcome = await Host.ImportCsvAsync(csv);

        Assert.True(outcome.Succeeded, $"{name}: {string.Join('\n', outcome.Errors)}");
        Assert.Equal((true, rows, 0), (outcome.Applied, outcome.Added, outcome.Unchanged));
    }

    [Fact]
    public async Task Stores_exact_canonical_values_and_keeps_quoted_text()
    {
        await Host.ImportCsvAsync(Csv(Row("canon", "12.500").With("memo", "a, \"b\"").With("fiat_amount", "0100.50").With("fiat_currency", "EUR")));

        var stored = await Host.Allocations.GetAsync("canon", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((12.5m, "a, \"b\"", 100.5m, "EUR", AllocationStatus.Approved), (stored.Amount, stored.Memo, stored.FiatAmount, stored.FiatCurrency, stored.Status));
        await using var connection = await Host.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(("12.5", "100.5"), await connection.QuerySingleAsync<(string, string)>("SELECT amount, fiat_amount FROM allocations WHERE id = 'canon'"));
    }

    [Fact]
    public async Task Reimporting_identical_rows_changes_nothing_and_says_so()
    {
        var csv = Csv(Row(SeedId, "3000"), Row("b", "1.5"));
        Assert.Equal("1 added, 1 unchanged", (await Host.ImportCsvAsync(csv)).Message);
        var before = await Host.DumpAllocationsAsync();

        var again = await Host.ImportCsvAsync(csv.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal((true, false, 0, 2), (again.Succeeded, again.Applied, again.Added, again.Unchanged));
        Assert.Equal("nothing to do: all 2 rows already imported", again.Message);
        Assert.Equal(before, await Host.DumpAllocationsAsync());
    }

    [Fact]
    public async Task Json_file_imports_like_its_csv_twin()
    {
        var json = $$"""
            [{"id":"j-1","period":"2025-02","project":"FFmpeg","category":"reserve","recipient":"{{TestAddresses.Recipient(1)}}",
              "token":"LPT","amount":"750","approvalRef":"https://forum.livepeer.org/t/2","memo":"Reserve",
              "fiatAmount":null,"fiatCurrency":null}]
            """;

        var outcome = await Host.ImportJsonAsync(json);

        Assert.True(outcome.Succeeded, string.Join('\n', outcome.Errors));
        var stored = await Host.Allocations.GetAsync("j-1", CancellationToken.None);
        Assert.Equal(("2025-02", "reserve", 750m, (decimal?)null), (stored!.Period, stored.Category, stored.Amount, stored.FiatAmount));
    }

    [Fact]
    public async Task Dry_run_validates_everything_and_writes_nothing()
    {
        var before = await Host.DumpAllocationsAsync();

        var good = await Host.ImportCsvAsync(Csv(Row("d-1", "1000")), dryRun: true);
        var bad = await Host.ImportCsvAsync(Csv(Row("d-2", "1000.1")), dryRun: true);

        Assert.Equal((true, false, true, 1), (good.Succeeded, good.Applied, good.DryRun, good.Added));
        Assert.Equal("dry run: 1 would be added, 0 unchanged; nothing written", good.Message);
        Assert.Contains("budget exceeded for projects LPT", Assert.Single(bad.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Host.DumpAllocationsAsync());
    }

    [Fact]
    public async Task Collects_every_problem_of_every_row()
    {
        var csv = Csv(Row("ok"), Row("bad/id", "-1"), Row("x").With("period", "2025-13").With("approval_ref", ""));

        var outcome = await Host.ImportCsvAsync(csv);

        Assert.Equal(
            [
                "line 3, column amount: '-1' must not have a sign",
                "line 3, column id: 'bad/id' may only contain letters, digits, '.', '_' and '-'",
                "line 4, column approval_ref: is required",
                "line 4, column period: '2025-13' is not a month in the form YYYY-MM",
            ],
            outcome.Errors.Select(error => error.ToString()).Order(StringComparer.Ordinal));
        Assert.Null(await Host.Allocations.GetAsync("ok", CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_frees_budget_and_records_the_reason()
    {
        Assert.False((await Host.ImportCsvAsync(Csv(Row("big", "4000")))).Succeeded);

        Assert.Equal(CancelResult.Cancelled, await Host.Allocations.CancelAsync(SeedId, "board changed the amount", CancellationToken.None));

        Assert.Equal(CancelResult.AlreadyCancelled, await Host.Allocations.CancelAsync(SeedId, "again", CancellationToken.None));
        Assert.Equal(CancelResult.NotFound, await Host.Allocations.CancelAsync("nope", "why", CancellationToken.None));
        Assert.True((await Host.ImportCsvAsync(Csv(Row("big", "4000")))).Succeeded);
        await using var connection = await Host.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("board changed the amount", await connection.ExecuteScalarAsync<string>($"SELECT cancel_reason FROM allocations WHERE id = '{SeedId}'"));
        await Assert.ThrowsAsync<ArgumentException>(() => Host.Allocations.CancelAsync("big", " ", CancellationToken.None));
    }

    [Fact]
    public async Task Only_approved_allocations_can_be_cancelled()
    {
        await SetStatusAsync(SeedId, "Queued");

        Assert.Equal(CancelResult.NotCancellable, await Host.Allocations.CancelAsync(SeedId, "too late", CancellationToken.None));
        Assert.Equal(AllocationStatus.Queued, (await Host.Allocations.GetAsync(SeedId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Lists_by_period_and_status()
    {
        await Host.ImportCsvAsync(Csv(Row("feb").With("period", "2025-02"), Row("jan-2", "1")));
        await Host.Allocations.CancelAsync("jan-2", "duplicate", CancellationToken.None);

        var january = await Host.Allocations.ListAsync("2025-01", null, CancellationToken.None);
        var cancelled = await Host.Allocations.ListAsync(null, AllocationStatus.Cancelled, CancellationToken.None);
        var all = await Host.Allocations.ListAsync(null, null, CancellationToken.None);

        Assert.Equal(["jan-2", SeedId], january.Select(a => a.Id));
        Assert.Equal(["jan-2"], cancelled.Select(a => a.Id));
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task Budget_usage_counts_non_cancelled_as_allocated_and_paid_states_as_paid()
    {
        await Host.ImportCsvAsync(Csv(Row("p-1", "100"), Row("p-2", "50.5"), Row("p-3", "7"), Row("u-1", "2500", "USDC")));
        await SetStatusAsync("p-1", "Paid");
        await SetStatusAsync("p-2", "PaidOffChain");
        await Host.Allocations.CancelAsync("p-3", "not needed", CancellationToken.None);

        var usage = await Host.Budget.GetUsageAsync("2025", CancellationToken.None);

        var lpt = Assert.Single(usage, line => line is { Category: "projects", Token: "LPT" });
        Assert.Equal((4000m, 3150.5m, 150.5m, 849.5m), (lpt.Cap, lpt.Allocated, lpt.Paid, lpt.Remaining));
        var usdc = Assert.Single(usage, line => line is { Category: "projects", Token: "USDC" });
        Assert.Equal((20000m, 2500m, 0m), (usdc.Cap, usdc.Allocated, usdc.Paid));
        Assert.Equal(["admin/LPT", "projects/LPT", "projects/USDC", "reserve/LPT"], usage.Select(line => $"{line.Category}/{line.Token}"));
        Assert.Empty(await Host.Budget.GetUsageAsync("1999", CancellationToken.None));
    }

    private async Task SetStatusAsync(string id, string status)
    {
        await using var connection = await Host.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE allocations SET status = @status WHERE id = @id", new { id, status });
    }

}

public sealed class SqliteImportBehaviourTests : ImportBehaviourTests;

[Collection(PostgresCluster.Collection)]
public sealed class PostgresImportBehaviourTests(PostgresCluster cluster) : ImportBehaviourTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;

    protected override Task<string> CreateDatabaseAsync() => cluster.CreateDatabaseAsync();
}
