using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>For any valid generated file (CSV or JSON): it imports, a re-import changes nothing, and budget totals equal the rows.</summary>
public sealed class ImportPropertyTests
{
    [Property(MaxTest = 30, Arbitrary = [typeof(ValidFiles)])]
    public void Any_valid_file_imports_once_and_budget_totals_equal_its_rows(GeneratedFile file)
    {
        using var database = new TempSqliteDatabase();
        CheckAsync(file, database).GetAwaiter().GetResult();
    }

    private static async Task CheckAsync(GeneratedFile file, TempSqliteDatabase database)
    {
        await using var host = await LedgerTestHost.StartAsync(StorageProvider.Sqlite, database.ConnectionString);

        var first = await ImportAsync(host, file);
        var dump = await host.DumpAllocationsAsync();
        var second = await ImportAsync(host, file);

        Assert.True(first.Succeeded, string.Join('\n', first.Errors));
        Assert.Equal(file.Rows.Count, first.Added);
        Assert.Equal((0, file.Rows.Count), (second.Added, second.Unchanged));
        Assert.Equal(dump, await host.DumpAllocationsAsync());
        var expected = file.Rows.GroupBy(row => $"{row.Category}/{row.Token}")
            .ToDictionary(group => group.Key, group => ExactDecimal.Sum(group.Select(row => decimal.Parse(row.Amount, CultureInfo.InvariantCulture))));
        var usage = await host.Budget.GetUsageAsync("2025", CancellationToken.None);
        foreach (var line in usage)
        {
            Assert.Equal(expected.GetValueOrDefault($"{line.Category}/{line.Token}"), line.Allocated);
        }
    }

    private static Task<ImportOutcome> ImportAsync(LedgerTestHost host, GeneratedFile file) =>
        host.Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(file.Content)), file.Format, dryRun: false, CancellationToken.None);

    public sealed record GeneratedRow(string Id, string Period, string Category, string Recipient, string Token, string Amount, string Memo, string? Fiat);

    public sealed record GeneratedFile(ImportFormat Format, IReadOnlyList<GeneratedRow> Rows)
    {
        public string Content => Format == ImportFormat.Csv ? Csv() : Json();

        public override string ToString() => Content;

        private string Csv() => AllocationFile.Csv(Rows.Select(row =>
        {
            var fields = AllocationFile.Row(row.Id, row.Amount, row.Token, row.Category)
                .With("period", row.Period).With("recipient", row.Recipient).With("memo", row.Memo);
            return row.Fiat is null ? fields : fields.With("fiat_amount", row.Fiat).With("fiat_currency", "EUR");
        }).ToArray());

        private string Json() => JsonSerializer.Serialize(Rows.Select(row => new Dictionary<string, string?>
        {
            ["id"] = row.Id, ["period"] = row.Period, ["project"] = "FFmpeg", ["category"] = row.Category,
            ["recipient"] = row.Recipient, ["token"] = row.Token, ["amount"] = row.Amount, ["approvalRef"] = "https://forum.example/t/1",
            ["memo"] = row.Memo, ["fiatAmount"] = row.Fiat, ["fiatCurrency"] = row.Fiat is null ? null : "EUR",
        }), Indented);

        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    }

    /// <summary>Valid rows only: at most 40 per file and at most 6 units each, so no cap (smallest: admin 250 LPT) can be reached.</summary>
    public static class ValidFiles
    {
        private static readonly string[] Recipients = Enumerable.Range(1, 5).Select(TestAddresses.Recipient).ToArray();

        public static Arbitrary<GeneratedFile> Files() =>
            (from format in Gen.Elements(ImportFormat.Csv, ImportFormat.Json)
             from count in Gen.Choose(1, 40)
             from rows in Gen.ArrayOf(Row(), count)
             select new GeneratedFile(format, rows.Select((row, index) => row with { Id = $"{index}{row.Id}" }).ToList())).ToArbitrary();

        private static Gen<GeneratedRow> Row() =>
            from id in Text("abcXYZ019._-", 0, 20)
            from month in Gen.Choose(1, 12)
            from budget in Gen.Elements(("projects", "LPT", 18), ("projects", "USDC", 6), ("admin", "LPT", 18), ("reserve", "LPT", 18))
            from recipient in Gen.Elements(Recipients)
            from amount in Amount(budget.Item3)
            from memo in Text("ab ,\"'é;", 0, 12)
            from fiat in Gen.OrNull(Amount(2))
            select new GeneratedRow("-" + id, $"2025-{month:D2}", budget.Item1, recipient, budget.Item2, amount, memo, fiat);

        /// <summary>A positive plain decimal below 6 with up to <paramref name="decimals"/> digits (trailing zeros included).</summary>
        private static Gen<string> Amount(int decimals) =>
            from whole in Gen.Choose(0, 5)
            from fraction in Text("0123456789", 0, decimals)
            let text = fraction.Length == 0 ? $"{whole}" : $"{whole}.{fraction}"
            select decimal.Parse(text, CultureInfo.InvariantCulture) == 0 ? "1" : text;

        private static Gen<string> Text(string alphabet, int min, int max) =>
            from length in Gen.Choose(min, max)
            from characters in Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), length)
            select new string(characters);
    }
}
