using System.Globalization;
using System.Numerics;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Chain;

/// <summary>
/// The configured tokens (<c>Tokens</c> section): symbol ↔ contract address, and exact conversion between ledger amounts
/// (decimal token units, "12.5") and on-chain base units (uint256).
/// </summary>
public sealed class TokenUnits
{
    private readonly Dictionary<string, (string Address, int Decimals)> bySymbol;

    public TokenUnits(TokensOptions tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        bySymbol = tokens.ToDictionary(
            pair => pair.Key,
            pair => (EthAddress.Normalize(pair.Value.Address, $"Tokens:{pair.Key}:Address"), pair.Value.Decimals),
            StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Symbols => bySymbol.Keys;

    public string AddressOf(string symbol) => Find(symbol).Address;

    /// <summary>The symbol configured for a token contract, or null for a token the worker does not know.</summary>
    public string? SymbolOf(string address) =>
        bySymbol.FirstOrDefault(pair => EthAddress.AreEqual(pair.Value.Address, address)).Key;

    /// <summary>Base units of a ledger amount; throws when the amount has more decimals than the token.</summary>
    public BigInteger ToBaseUnits(string symbol, decimal amount)
    {
        var decimals = Find(symbol).Decimals;
        var canonical = ExactDecimal.ToCanonical(amount);
        if (amount < 0 || ExactDecimal.Decimals(canonical) > decimals)
        {
            throw new ArgumentException($"{canonical} {symbol} is not a non-negative amount with at most {decimals} decimals.", nameof(amount));
        }

        var parts = canonical.Split('.');
        var fraction = parts.Length == 2 ? parts[1] : "";
        return BigInteger.Parse(parts[0] + fraction.PadRight(decimals, '0'), CultureInfo.InvariantCulture);
    }

    /// <summary>Token units of a base-unit amount, as the ledger writes them ("12.5").</summary>
    public string ToTokenUnits(string symbol, BigInteger baseUnits)
    {
        var decimals = Find(symbol).Decimals;
        var digits = BigInteger.Abs(baseUnits).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var whole = digits[..^decimals];
        var fraction = decimals == 0 ? "" : digits[^decimals..].TrimEnd('0');
        return (baseUnits.Sign < 0 ? "-" : "") + (fraction.Length == 0 ? whole : $"{whole}.{fraction}");
    }

    private (string Address, int Decimals) Find(string symbol) =>
        bySymbol.TryGetValue(symbol, out var token)
            ? token
            : throw new InvalidOperationException($"Token '{symbol}' is not configured in the Tokens section.");
}
