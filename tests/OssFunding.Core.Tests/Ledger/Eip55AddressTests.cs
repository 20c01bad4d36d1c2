using System.Globalization;
using Nethereum.Util;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Tests.Ledger;

public sealed class Eip55AddressTests
{
    [Theory]
    [InlineData("0x289ba1701C2F088cf0faf8B3705246331cB8A839", null)] // LPT on Arbitrum One, as published
    [InlineData("0xaf88d065e77c8cC2239327C5EDb3A432268e5831", null)] // USDC on Arbitrum One, as published
    [InlineData("0x289Ba1701C2F088cf0faf8B3705246331cB8A839", "has a bad EIP-55 checksum")]
    [InlineData("0x289ba1701c2f088cf0faf8b3705246331cb8a839", "has no EIP-55 checksum")]
    [InlineData("0x289BA1701C2F088CF0FAF8B3705246331CB8A839", "has no EIP-55 checksum")]
    [InlineData("289ba1701C2F088cf0faf8B3705246331cB8A839", "is not an address")]
    [InlineData("0x289ba1701C2F088cf0faf8B3705246331cB8A83", "is not an address")]
    [InlineData("", "is empty")]
    public void Accepts_only_checksummed_addresses(string address, string? problem)
    {
        var actual = Eip55Address.Problem(address);

        if (problem is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(problem, actual, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_address_whose_checksum_form_is_all_lowercase_is_accepted_and_its_uppercase_spelling_is_not()
    {
        var address = FirstAddressWithAllLowercaseChecksum();

        Assert.Null(Eip55Address.Problem(address));
        Assert.Contains("has no EIP-55 checksum", Eip55Address.Problem("0x" + address[2..].ToUpperInvariant()), StringComparison.Ordinal);
    }

    /// <summary>Deterministic search: keccak256 of 0, 1, 2, … as candidate addresses, until one has letters and an
    /// EIP-55 form without any uppercase letter (about one address in 2^letters).</summary>
    private static string FirstAddressWithAllLowercaseChecksum()
    {
        for (int i = 0; ; i++)
        {
            var hex = Sha3Keccack.Current.CalculateHash(i.ToString(CultureInfo.InvariantCulture))[24..];
            var checksummed = AddressUtil.Current.ConvertToChecksumAddress("0x" + hex);
            if (hex.Any(char.IsAsciiLetter) && !checksummed.Any(char.IsAsciiLetterUpper))
            {
                return checksummed;
            }
        }
    }
}
