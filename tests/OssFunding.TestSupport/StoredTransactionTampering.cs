using Xunit;

namespace OssFunding.TestSupport;

/// <summary>
/// Someone with write access to the database changes one field of a stored Safe transaction or of the allocations it
/// pays (SPEC §14, security issue item 4). Each entry is the SQL that changes just that field, in SQL that SQLite and
/// PostgreSQL both run. The tests of each step (proposing, accepting a signature, executing) use the whole list, so a
/// field added to the Safe transaction without a check at one of the steps fails there.
/// </summary>
public static class StoredTransactionTampering
{
    private const string Dead = "0x000000000000000000000000000000000000dEaD";

    private static readonly Dictionary<string, string> Edits = new(StringComparer.Ordinal)
    {
        ["to"] = $"UPDATE safe_transactions SET to_address = '{Dead}'",
        ["value"] = "UPDATE safe_transactions SET value = '1'",
        // The last hex digit of the calldata: part of the amount of the last transfer.
        ["data"] = "UPDATE safe_transactions SET data = substr(data, 1, length(data) - 1) || CASE substr(data, length(data), 1) WHEN '0' THEN '1' ELSE '0' END",
        ["operation"] = "UPDATE safe_transactions SET operation = 1 - operation",
        ["safeTxGas"] = "UPDATE safe_transactions SET safe_tx_gas = '100000'",
        ["baseGas"] = "UPDATE safe_transactions SET base_gas = '21000'",
        ["gasPrice"] = "UPDATE safe_transactions SET gas_price = '1'",
        ["gasToken"] = $"UPDATE safe_transactions SET gas_token = '{Dead}'",
        ["refundReceiver"] = $"UPDATE safe_transactions SET refund_receiver = '{Dead}'",
        ["nonce"] = "UPDATE safe_transactions SET nonce = nonce + 1",
        ["allocation recipient"] = $"UPDATE allocations SET recipient = '{Dead}'",
        ["allocation amount"] = "UPDATE allocations SET amount = '11'",
        ["drafted amount"] = "UPDATE transaction_allocations SET amount = '11'",
    };

    /// <summary>The field names, for [MemberData]: a test case per field reads as the field it changes.</summary>
    public static TheoryData<string> Fields => new(Edits.Keys);

    /// <summary>The SQL that changes <paramref name="field"/>.</summary>
    public static string Sql(string field) =>
        Edits.TryGetValue(field, out var sql) ? sql : throw new ArgumentException($"no tampering of '{field}' is known", nameof(field));
}
