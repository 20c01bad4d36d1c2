using System.Text.RegularExpressions;
using Nethereum.Util;

namespace OssFunding.Core.Ledger;

/// <summary>
/// Address checks for anything that receives funds. An address must be written exactly in its EIP-55 form: an
/// all-lowercase or all-uppercase spelling of a mixed-case address is refused because the checksum is the only guard a
/// treasury has against a typo.
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

        // Exactly its EIP-55 form: this also accepts the rare address whose checksum form happens to be all one case,
        // which must stay payable.
        if (string.Equals(AddressUtil.Current.ConvertToChecksumAddress(address), address, StringComparison.Ordinal))
        {
            return null;
        }

        var hex = address[2..];
        return hex.All(c => !char.IsAsciiLetterUpper(c)) || hex.All(c => !char.IsAsciiLetterLower(c))
            ? $"'{address}' has no EIP-55 checksum (all lowercase or all uppercase): use the checksummed, mixed-case form"
            : $"'{address}' has a bad EIP-55 checksum: a character is wrong or the address was retyped";
    }

    public static bool SameAddress(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexAddress();
}
