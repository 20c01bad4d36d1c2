using System.Text.RegularExpressions;
using Nethereum.Util;

namespace OssFunding.Core.Ledger;

/// <summary>
/// Address checks for anything that receives funds. An address must carry its EIP-55 checksum: an all-lowercase
/// or all-uppercase address is refused because the checksum is the only guard a treasury has against a typo.
/// </summary>
public static partial class Eip55Address
{
    public const string Zero = "0x0000000000000000000000000000000000000000";

    /// <summary>Null when <paramref name="address"/> is a checksummed EIP-55 address, otherwise why not.</summary>
    public static string? Problem(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "is empty";
        }

        if (!HexAddress().IsMatch(address))
        {
            return $"'{address}' is not an address (0x followed by 40 hex digits)";
        }

        var hex = address[2..];
        var hasLetters = hex.Any(char.IsAsciiLetter);
        if (hasLetters && (hex.All(c => !char.IsAsciiLetterUpper(c)) || hex.All(c => !char.IsAsciiLetterLower(c))))
        {
            return $"'{address}' has no EIP-55 checksum (all lowercase or all uppercase): use the checksummed, mixed-case form";
        }

        return AddressUtil.Current.IsChecksumAddress(address)
            ? null
            : $"'{address}' has a bad EIP-55 checksum: a character is wrong or the address was retyped";
    }

    public static bool SameAddress(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexAddress();
}
