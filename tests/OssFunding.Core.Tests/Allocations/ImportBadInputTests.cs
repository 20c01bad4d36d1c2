using System.Text;
using OssFunding.Core.Allocations;
using OssFunding.TestSupport;
using static OssFunding.Core.Tests.Allocations.AllocationFile;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>
/// Every bad file is refused with a message naming the problem, and the ledger stays exactly as it was. SPEC §2
/// invariant 7 (bad input gets a clear error and changes nothing).
/// </summary>
public sealed class ImportBadInputTests : LedgerFixture
{
    private sealed record Case(string Content, string Message, int Line, string Column, ImportFormat Format = ImportFormat.Csv);

    private static readonly string Lower = TestAddresses.Recipient(1).ToLowerInvariant();
    private static readonly string Upper = "0x" + TestAddresses.Recipient(1)[2..].ToUpperInvariant();

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["empty file"] = new("", "the file is empty: expected the header " + Header + "[,fiat_amount,fiat_currency]", 0, ""),
        ["blank lines only"] = new("\n\r\n\n", "the file is empty", 0, ""),
        ["header only"] = new(Header + "\n", "the file has a header but no rows", 0, ""),
        ["wrong header name"] = new(Header.Replace("approval_ref", "approval", StringComparison.Ordinal) + "\nx\n",
            "header must be exactly " + Header + "[,fiat_amount,fiat_currency]: missing column 'approval_ref'; unexpected column 'approval'", 1, ""),
        ["missing column"] = new(Header.Replace(",memo", "", StringComparison.Ordinal) + "\n", "missing column 'memo'", 1, ""),
        ["extra column"] = new(Header + ",extra\n", "unexpected column 'extra'", 1, ""),
        ["columns out of order"] = new("period,id,project,category,recipient,token,amount,approval_ref,memo\n", "the columns are out of order", 1, ""),
        ["half of the fiat pair"] = new(Header + ",fiat_amount\n", "missing column 'fiat_currency'", 1, ""),
        ["uppercase header"] = new(Header.ToUpperInvariant() + "\n", "missing column 'id'", 1, ""),
        ["row with an extra field"] = new(Csv(Row()).TrimEnd('\n') + ",surplus\n", "has 10 fields but the header has 9", 2, ""),
        ["row with a missing field"] = new(Header + "\nalloc-1,2025-01,FFmpeg\n", "has 3 fields but the header has 9", 2, ""),
        ["malformed quoting"] = new(Csv(Row().With("memo", "x")).Replace(",x\n", ",a\"b\n", StringComparison.Ordinal), "malformed quoting", 2, ""),
        ["duplicate id in file"] = new(Csv(Row("a"), Row("a", "5")), "id 'a' already appears on line 2", 3, "id"),
        ["bad id characters"] = new(Csv(Row("alloc/1")), "'alloc/1' may only contain letters, digits, '.', '_' and '-'", 2, "id"),
        ["id too long"] = new(Csv(Row(new string('x', 65))), "is 65 characters long, at most 64 are allowed", 2, "id"),
        ["empty id"] = new(Csv(Row("")), "is required", 2, "id"),
        ["period malformed"] = new(Csv(Row().With("period", "2025-1")), "'2025-1' is not a month in the form YYYY-MM", 2, "period"),
        ["period month 13"] = new(Csv(Row().With("period", "2025-13")), "'2025-13' is not a month in the form YYYY-MM", 2, "period"),
        ["period outside every cycle"] = new(Csv(Row().With("period", "2026-01")), "2026-01 is in no budget cycle (cycles: 2025 2025-01..2025-12)", 2, "period"),
        ["unknown category"] = new(Csv(Row(category: "marketing")), "category 'marketing' has no budget in cycle 2025 (categories: admin, projects, reserve)", 2, "category"),
        ["unknown token"] = new(Csv(Row(token: "DAI")), "token 'DAI' is not configured (tokens: LPT, USDC)", 2, "token"),
        ["category and token without a cap"] = new(Csv(Row(token: "USDC", category: "admin")), "category 'admin' has no USDC budget in cycle 2025: refused (no cap means no budget)", 2, "token"),
        ["bad checksum"] = new(Csv(Row().With("recipient", FlipCase(TestAddresses.Recipient(1)))), "has a bad EIP-55 checksum", 2, "recipient"),
        ["lowercase-only address"] = new(Csv(Row().With("recipient", Lower)), $"'{Lower}' has no EIP-55 checksum (all lowercase or all uppercase)", 2, "recipient"),
        ["uppercase-only address"] = new(Csv(Row().With("recipient", Upper)), "has no EIP-55 checksum", 2, "recipient"),
        ["not an address"] = new(Csv(Row().With("recipient", "0x1234")), "'0x1234' is not an address (0x followed by 40 hex digits)", 2, "recipient"),
        ["zero address"] = new(Csv(Row().With("recipient", "0x0000000000000000000000000000000000000000")), "is the zero address", 2, "recipient"),
        ["the Safe as recipient"] = new(Csv(Row().With("recipient", TestAddresses.Safe)), $"{TestAddresses.Safe} is the Safe itself", 2, "recipient"),
        ["a token contract as recipient"] = new(Csv(Row().With("recipient", TestAddresses.Lpt)), $"{TestAddresses.Lpt} is the LPT token contract", 2, "recipient"),
        ["amount zero"] = new(Csv(Row(amount: "0.000")), "'0.000' must be greater than 0", 2, "amount"),
        ["amount negative"] = new(Csv(Row(amount: "-5")), "'-5' must not have a sign", 2, "amount"),
        ["amount with plus sign"] = new(Csv(Row(amount: "+5")), "'+5' must not have a sign", 2, "amount"),
        ["amount with exponent"] = new(Csv(Row(amount: "1e3")), "'1e3' must not use an exponent", 2, "amount"),
        ["amount with too many decimals"] = new(Csv(Row(amount: "1.1234567", token: "USDC")), "'1.1234567' has 7 decimals, USDC allows at most 6", 2, "amount"),
        ["amount with thousands separator"] = new(Csv(Row(amount: "1,000")), "'1,000' must not have thousands separators or spaces", 2, "amount"),
        ["amount with two points"] = new(Csv(Row(amount: "12.5.1")), "'12.5.1' is not a plain decimal number", 2, "amount"),
        ["amount empty"] = new(Csv(Row(amount: "")), "'' is empty", 2, "amount"),
        ["amount beyond exact decimal"] = new(Csv(Row(amount: "123456789012345678901234567.89")), "needs more than 28 significant digits", 2, "amount"),
        ["over the cap"] = new(Csv(Row("b", "1000.000000000000000001")),
            "budget exceeded for projects LPT in cycle 2025: cap 4000, used 3000, requested 1000.000000000000000001 (0.000000000000000001 over; lines 2)", 0, "amount"),
        ["over the cap across rows"] = new(Csv(Row("b", "600"), Row("c", "500")), "cap 4000, used 3000, requested 1100 (100 over; lines 2, 3)", 0, "amount"),
        ["unknown project when registration is required"] = new(Csv(Row().With("project", "NotAProject")),
            "project 'NotAProject' is not in the project registry (Recipients:RequireRegistered is on): register it first", 2, "project"),
        ["recipient other than the registered one"] = new(Csv(Row().With("recipient", TestAddresses.Recipient(2))),
            $"{TestAddresses.Recipient(2)} is not the registered address of 'FFmpeg' for 2025-01 ({TestAddresses.Recipient(1)}, effective 2024-01-01)", 2, "recipient"),
        ["project registered only after the period"] = new(Csv(Row().With("project", "OpenCV").With("recipient", TestAddresses.Recipient(2))),
            "project 'OpenCV' has no registered address effective by 2025-01 (first one from 2025-06-01)", 2, "project"),
        ["missing approval_ref"] = new(Csv(Row().With("approval_ref", "")), "is required", 2, "approval_ref"),
        ["same id with different content"] = new(Csv(Row(SeedId, "3001").With("memo", "changed")),
            $"allocation '{SeedId}' is already in the ledger (Approved) with a different amount, memo: to change it, cancel it and import a new id", 2, "id"),
        ["fiat amount without currency"] = new(Csv(Row().With("fiat_amount", "1500").With("fiat_currency", "")), "fiat_amount and fiat_currency go together", 2, "fiat_currency"),
        ["fiat currency not a code"] = new(Csv(Row().With("fiat_amount", "1500").With("fiat_currency", "euro")), "'euro' is not a currency code of 3 capital letters", 2, "fiat_currency"),
        ["line break inside memo"] = new(Csv(Row().With("memo", "two\nlines")), "character 4 is U+000A LINE FEED, which is not allowed", 3, "memo"),
        ["not UTF-8"] = new(Header + "\nalloc-1,2025-01,FF\xff", "the file is not valid UTF-8 text", 0, ""),
        ["JSON amount as a number"] = new(Json("\"amount\": 12.5"), "must be a JSON string such as \"12.5\", not the number 12.5", 9, "amount", ImportFormat.Json),
        ["JSON not an array"] = new("{\"id\": \"a\"}", "the file must be a JSON array of objects", 1, "", ImportFormat.Json),
        ["JSON malformed"] = new("[{\"id\": ]", "the file is not valid JSON", 1, "", ImportFormat.Json),
        ["JSON unexpected key"] = new(Json("\"amount\": \"1\", \"amt\": \"1\""), "unexpected key 'amt'", 9, "amt", ImportFormat.Json),
        ["JSON missing key"] = new(Json("\"amount\": \"1\"").Replace("\"approvalRef\"", "\"approval\"", StringComparison.Ordinal), "missing key 'approvalRef'", 2, "approvalRef", ImportFormat.Json),
        ["JSON empty array"] = new("[]", "the file holds no allocations (empty array)", 0, "", ImportFormat.Json),
        ["JSON empty file"] = new("", "the file is empty", 0, "", ImportFormat.Json),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_file_is_refused_with_a_clear_message_and_changes_nothing(string name)
    {
        var bad = Cases[name];
        var before = await Host.DumpAllocationsAsync();

        var outcome = await Host.Importer.ImportAsync(new MemoryStream(Encoding.Latin1.GetBytes(bad.Content)), bad.Format, dryRun: false, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Applied);
        var error = Assert.Single(outcome.Errors, e => e.Reason.Contains(bad.Message, StringComparison.Ordinal));
        Assert.Equal((bad.Line, bad.Column), (error.Line, error.Column));
        Assert.StartsWith("refused: ", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Host.DumpAllocationsAsync());
    }

    /// <summary>A JSON file of one valid allocation whose amount property is replaced by <paramref name="amountProperty"/> (on line 9).</summary>
    private static string Json(string amountProperty) =>
        $$"""
        [
          {
            "id": "json-1",
            "period": "2025-01",
            "project": "FFmpeg",
            "category": "projects",
            "recipient": "{{TestAddresses.Recipient(1)}}",
            "token": "LPT",
            {{amountProperty}},
            "approvalRef": "https://forum.livepeer.org/t/1",
            "memo": ""
          }
        ]
        """;

    private static string FlipCase(string address)
    {
        var index = address.IndexOfAny("abcdefABCDEF".ToCharArray(), 2);
        var flipped = char.IsUpper(address[index]) ? char.ToLowerInvariant(address[index]) : char.ToUpperInvariant(address[index]);
        return address[..index] + flipped + address[(index + 1)..];
    }
}
