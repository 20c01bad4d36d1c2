using System.Numerics;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Chain;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Units;

public sealed class TokenUnitsTests
{
    private static readonly TokenUnits Tokens = new(new TokensOptions
    {
        ["LPT"] = new TokenOptions { Address = TestAddresses.Lpt.ToLowerInvariant(), Decimals = 18 },
        ["USDC"] = new TokenOptions { Address = TestAddresses.Usdc, Decimals = 6 },
    });

    [Theory]
    [InlineData("LPT", "20.833333333333333333", "20833333333333333333")]
    [InlineData("LPT", "4000", "4000000000000000000000")]
    [InlineData("USDC", "1500.25", "1500250000")]
    [InlineData("USDC", "0.000001", "1")]
    public void Ledger_amounts_convert_exactly_both_ways(string symbol, string tokenUnits, string baseUnits)
    {
        Assert.Equal(BigInteger.Parse(baseUnits), Tokens.ToBaseUnits(symbol, decimal.Parse(tokenUnits, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(tokenUnits, Tokens.ToTokenUnits(symbol, BigInteger.Parse(baseUnits)));
    }

    [Fact]
    public void More_decimals_than_the_token_has_or_an_unknown_token_are_refused_with_the_reason()
    {
        var tooPrecise = Assert.Throws<ArgumentException>(() => Tokens.ToBaseUnits("USDC", 0.0000001m));
        Assert.Contains("at most 6 decimals", tooPrecise.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidOperationException>(() => Tokens.AddressOf("DAI"));
        Assert.Contains("'DAI' is not configured", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_are_found_by_address_in_any_case()
    {
        Assert.Equal("LPT", Tokens.SymbolOf(TestAddresses.Lpt));
        Assert.Equal(TestAddresses.Lpt, Tokens.AddressOf("LPT"));
        Assert.Null(Tokens.SymbolOf(TestAddresses.Recipient(1)));
    }
}
