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
}
