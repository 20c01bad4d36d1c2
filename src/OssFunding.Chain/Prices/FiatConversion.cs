using System.Numerics;

namespace OssFunding.Chain.Prices;

/// <summary>A euro-decided allocation's token amount: base units and the token-in-fiat rate it came from, or why none.</summary>
public sealed record TokenAmountForFiat(BigInteger? BaseUnits, PriceQuote? TokenInFiat, string? Problem);

/// <summary>A payment's value in EUR and USD at a block (decimal strings, 2 places), with the rates used, or why none.</summary>
public sealed record PaymentValue(string? Usd, string? Eur, PriceQuote? TokenInUsd, PriceQuote? TokenInEur, string? Problem);

/// <summary>
/// The two conversions money depends on, with the one rounding rule (docs/configuration.md, "Prices"): every figure
/// is computed exactly and truncated once, toward zero, at the end. A token amount for a fiat figure is floored to the
/// token's decimals (the treasury never pays more than the decided euros); a value is floored to cents.
/// </summary>
public static class FiatConversion
{
    public const int ValueDecimals = 2;

    public static async Task<TokenAmountForFiat> TokenAmountAsync(
        PriceOracle oracle, string token, int tokenDecimals, ExactRate fiatAmount, string fiatCurrency, long block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        var reading = await oracle.ReadAsync(token, fiatCurrency, block, cancellationToken);
        if (reading.Quote is not { } quote)
        {
            return new TokenAmountForFiat(null, null, reading.Problem);
        }

        return new TokenAmountForFiat(AmountFor(fiatAmount, quote.Rate, tokenDecimals), quote, null);
    }

    /// <summary>floor(fiat ÷ rate × 10^decimals): base units of a token worth <paramref name="rate"/> fiat each.</summary>
    public static BigInteger AmountFor(ExactRate fiatAmount, ExactRate rate, int tokenDecimals) =>
        (fiatAmount / rate).FloorScaled(tokenDecimals);

    public static async Task<PaymentValue> ValueAsync(
        PriceOracle oracle, string token, BigInteger baseUnits, int tokenDecimals, long block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        var usd = await oracle.ReadAsync(token, "USD", block, cancellationToken);
        if (usd.Quote is null)
        {
            return new PaymentValue(null, null, null, null, usd.Problem);
        }

        var eur = await oracle.ReadAsync(token, "EUR", block, cancellationToken);
        if (eur.Quote is null)
        {
            return new PaymentValue(null, null, usd.Quote, null, eur.Problem);
        }

        var amount = ExactRate.FromScaled(baseUnits, tokenDecimals);
        return new PaymentValue(
            (amount * usd.Quote.Rate).ToDecimalStringFixed(ValueDecimals),
            (amount * eur.Quote.Rate).ToDecimalStringFixed(ValueDecimals),
            usd.Quote, eur.Quote, null);
    }
}
