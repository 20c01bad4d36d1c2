using System.Text.Json;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Transactions;

/// <summary>The <c>safe_transactions.owners</c> column: a JSON array of EIP-55 owner addresses, sorted as the Safe orders them.</summary>
internal static class OwnerList
{
    public static string ToJson(IEnumerable<string> owners) =>
        JsonSerializer.Serialize(owners.Select(owner => EthAddress.Normalize(owner, nameof(owners)))
            .Order(Comparer<string>.Create(EthAddress.CompareNumerically)).ToArray());

    public static IReadOnlyList<string> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
