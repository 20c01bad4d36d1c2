using System.Text.RegularExpressions;

namespace OssFunding.Safe.Transactions;

/// <summary>The written form of a SafeTx hash every input is held to: 0x followed by 64 hex digits (any case).</summary>
public static partial class SafeTxHashText
{
    public const string Expected = "0x followed by 64 hex digits";

    public static bool IsWellFormed(string? text) => text is not null && Pattern().IsMatch(text);

    [GeneratedRegex("^0x[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
