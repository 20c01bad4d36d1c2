using OssFunding.Core.Ledger;

namespace OssFunding.Core.Tests.Ledger;

public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("12.50", "12.5")]
    [InlineData("100", "100")]
    [InlineData("0007.000", "7")]
    [InlineData("0.000000000000000001", "0.000000000000000001")]
    [InlineData("1234567890.123456789012345678", "1234567890.123456789012345678")]
    public void Parses_plain_decimals_exactly_and_writes_them_canonically(string text, string canonical)
    {
        var value = ExactDecimal.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(canonical, ExactDecimal.ToCanonical(value!.Value));
    }

    [Theory]
    [InlineData("12345678901234567890.123456789", "needs more than 28 significant digits")]
    [InlineData("100000000000000000000000000000", "needs more than 28 significant digits")]
    [InlineData("1.5E3", "must not use an exponent")]
    [InlineData(".5", "is not a plain decimal number")]
    [InlineData("5.", "is not a plain decimal number")]
    [InlineData("١٢", "is not a plain decimal number")]
    public void Refuses_what_decimal_cannot_hold_exactly_or_is_not_plain(string text, string problem)
    {
        Assert.Null(ExactDecimal.Parse(text, out var actual));
        Assert.StartsWith(problem, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Sums_exactly_or_throws_instead_of_rounding()
    {
        Assert.Equal(0.3m, ExactDecimal.Sum([0.1m, 0.2m]));
        Assert.Throws<OverflowException>(() => ExactDecimal.Add(1_000_000_000_000m, 0.0000000000000000000000000001m));
    }
}
