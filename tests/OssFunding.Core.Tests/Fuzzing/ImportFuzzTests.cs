using System.Text;
using FsCheck;
using FsCheck.Fluent;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.Core.Tests.Allocations;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Fuzzing;

/// <summary>
/// The allocation and registry importers read files from outside. A valid file with characters cut, added or
/// replaced (quotes, separators, line breaks, NUL, huge numbers, bidi controls, JSON punctuation...) either imports or
/// is refused with reasons; the importer never throws, and a refused file leaves the ledger exactly as it was
/// (security issue item 6). One ledger serves every case, so a refusal is checked against whatever earlier cases left.
/// </summary>
public sealed class ImportFuzzTests
{
    private const int Cases = 250;

    private static readonly string ValidCsv = AllocationFile.Csv(
        AllocationFile.Row("fuzz-1", "12.5"), AllocationFile.Row("fuzz-2", "3", "USDC"), AllocationFile.Row("fuzz-3", "1", category: "admin"));

    private static readonly string ValidJson =
        $$"""[{"id":"fuzz-j","period":"2025-02","project":"FFmpeg","category":"projects","recipient":"{{TestAddresses.Recipient(2)}}","token":"LPT","amount":"7","approvalRef":"https://forum.example/t/2","memo":"February"}]""";

    private static readonly string ValidRegistry =
        $"name,recipient,proof_url,effective_from\nuvicorn,{TestAddresses.Recipient(3)},https://github.com/encode/uvicorn,2025-01-01\nhttpx,{TestAddresses.Recipient(4)},https://github.com/encode/httpx,2025-01-01\n";

    [Fact]
    public Task A_mutated_allocation_csv_imports_or_is_refused_with_reasons_and_changes_nothing() =>
        FuzzAsync(ValidCsv, (host, text) => host.ImportCsvAsync(text));

    [Fact]
    public Task A_mutated_allocation_json_imports_or_is_refused_with_reasons_and_changes_nothing() =>
        FuzzAsync(ValidJson, (host, text) => host.ImportJsonAsync(text));

    [Fact]
    public Task A_mutated_registry_file_imports_or_is_refused_with_reasons_and_changes_nothing() =>
        FuzzAsync(ValidRegistry, (host, text) => host.ImportProjectsAsync(text));

    private static async Task FuzzAsync(string valid, Func<LedgerTestHost, string, Task<ImportOutcome>> import)
    {
        using var database = new TempSqliteDatabase();
        await using var host = await LedgerTestHost.StartAsync(StorageProvider.Sqlite, database.ConnectionString);
        var property = Prop.ForAll(TextMutations.Arbitrary(), mutation =>
            CheckAsync(host, import, mutation.Apply(valid)).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    private static async Task CheckAsync(LedgerTestHost host, Func<LedgerTestHost, string, Task<ImportOutcome>> import, string text)
    {
        var before = await LedgerStateAsync(host);
        var outcome = await import(host, text);
        if (outcome.Succeeded)
        {
            return;
        }

        Assert.True(outcome.Errors.Count > 0 && outcome.Errors.All(error => !string.IsNullOrWhiteSpace(error.Reason)),
            $"refused without a reason: {outcome.Message}");
        Assert.Equal(before, await LedgerStateAsync(host));
    }

    private static async Task<IReadOnlyList<string>> LedgerStateAsync(LedgerTestHost host)
    {
        var projects = await host.Projects.ListAsync(CancellationToken.None);
        return [.. await host.DumpAllocationsAsync(), .. projects.Select(project => project.ToString()!)];
    }
}
