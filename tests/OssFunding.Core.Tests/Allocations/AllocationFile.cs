using System.Text;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>Builds allocation CSV files for tests: a valid row by default, with any field replaced.</summary>
internal static class AllocationFile
{
    public const string Header = "id,period,project,category,recipient,token,amount,approval_ref,memo";
    public const string HeaderWithFiat = Header + ",fiat_amount,fiat_currency";

    public static Dictionary<string, string> Row(string id = "alloc-1", string amount = "100", string token = "LPT", string category = "projects") => new()
    {
        ["id"] = id,
        ["period"] = "2025-01",
        ["project"] = "FFmpeg",
        ["category"] = category,
        ["recipient"] = TestAddresses.Recipient(1),
        ["token"] = token,
        ["amount"] = amount,
        ["approval_ref"] = "https://forum.livepeer.org/t/open-source-funding-january/1",
        ["memo"] = "January grant",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> row, string column, string value)
    {
        var copy = new Dictionary<string, string>(row) { [column] = value };
        return copy;
    }

    /// <summary>CSV with the basic header (or the fiat one when any row has fiat columns), quoting fields as needed.</summary>
    public static string Csv(params Dictionary<string, string>[] rows)
    {
        var fiat = rows.Any(row => row.ContainsKey("fiat_amount"));
        var columns = (fiat ? HeaderWithFiat : Header).Split(',');
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join(',', columns.Select(column => Quote(row.GetValueOrDefault(column, ""))))).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
