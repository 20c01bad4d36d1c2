using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace OssFunding.Safe.Transactions;

/// <summary>20-byte address checks shared by the Safe protocol types.</summary>
public static class EthAddress
{
    public const string Zero = "0x0000000000000000000000000000000000000000";

    /// <summary>Returns the EIP-55 form of a 0x-prefixed 40-hex-digit address, or throws naming the parameter.</summary>
    public static string Normalize(string? address, string paramName)
    {
        if (address is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(address))
        {
            throw new ArgumentException(
                $"'{address}' is not an address (expected 0x followed by 40 hex digits).", paramName);
        }

        return AddressUtil.Current.ConvertToChecksumAddress(address);
    }

    /// <summary>Address taken from the low 20 bytes of a 32-byte word (how Safe stores owners in r).</summary>
    public static string FromWord(ReadOnlySpan<byte> word32) => FromBytes(word32[12..32]);

    /// <summary>EIP-55 form of 20 raw address bytes.</summary>
    public static string FromBytes(ReadOnlySpan<byte> address20) =>
        AddressUtil.Current.ConvertToChecksumAddress(address20.ToArray().ToHex(true));

    /// <summary>True when the 12 high bytes of the word are zero, i.e. the word is a clean address.</summary>
    public static bool IsCleanAddressWord(ReadOnlySpan<byte> word32) => !word32[..12].ContainsAnyExcept((byte)0);

    /// <summary>The address left-padded to a 32-byte word (how Safe names an owner in r).</summary>
    public static byte[] ToWord(string address) => [.. new byte[12], .. ToBytes(address)];

    public static byte[] ToBytes(string address) => Normalize(address, nameof(address)).HexToByteArray();

    /// <summary>Orders addresses as uint160, the order Safe requires for packed signatures.</summary>
    public static int CompareNumerically(string left, string right) =>
        string.CompareOrdinal(left.ToUpperInvariant(), right.ToUpperInvariant());

    public static bool AreEqual(string left, string right) => CompareNumerically(left, right) == 0;
}
