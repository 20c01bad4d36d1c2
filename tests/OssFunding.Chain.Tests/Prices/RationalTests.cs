using System.Numerics;
using OssFunding.Chain.Prices;

namespace OssFunding.Chain.Tests.Prices;

public sealed class RationalTests
{
    [Fact]
    public void A_conversion_rounds_the_token_amount_down_and_rates_print_exactly()
    {
        var usdcInEur = Rational.Parse("0.99987654") / Rational.Parse("1.08123457");
        var quote = new PriceQuote(new PricePair("USDC", "EUR"), usdcInEur, [], 1, DateTimeOffset.UnixEpoch);

        Assert.Equal(new BigInteger(1500) * 108_123_457 * 1_000_000 / 99_987_654, quote.TokensFor(Rational.Parse("1500"), 6));
        Assert.Equal("0.99987654", Rational.Parse("0.99987654").ToExactDecimalString());
        Assert.Null(Rational.Of(1, 3).ToExactDecimalString());
        Assert.Equal("-0.34", Rational.Of(-1, 3).ToDecimalString(2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(-61234)]
    [InlineData(60001)]
    public void The_price_at_a_tick_is_the_exact_power_cut_to_40_significant_digits(int tick)
    {
        var exponent = Math.Abs(tick);
        var (numerator, denominator) = tick >= 0
            ? (BigInteger.Pow(10001, exponent), BigInteger.Pow(10000, exponent))
            : (BigInteger.Pow(10000, exponent), BigInteger.Pow(10001, exponent));

        var price = TickPrice.PowerOf(tick);

        var shortfall = (numerator * price.Denominator) - (price.Numerator * denominator);
        Assert.True(shortfall.Sign >= 0, "the cut value must not exceed the exact one");
        Assert.True(shortfall * BigInteger.Pow(10, 39) < numerator * price.Denominator, "the cut is within 10^-39");
    }
}
