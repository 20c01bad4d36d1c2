using System.Numerics;

namespace OssFunding.Devnet;

/// <summary>A TestToken ERC-20 deployed on the devnet.</summary>
public sealed record DevnetToken(string Address, string Symbol, byte Decimals)
{
    /// <summary>Base units of a whole-token amount (e.g. 1.5 LPT → 1.5 × 10^18).</summary>
    public BigInteger ToBaseUnits(decimal amount)
    {
        // Split into integer and fraction so that 18 decimals never overflow decimal's 28-29 digits.
        var whole = decimal.Truncate(amount);
        var fraction = amount - whole;
        for (var i = 0; i < Decimals; i++)
        {
            fraction *= 10;
        }

        if (fraction != decimal.Truncate(fraction))
        {
            throw new ArgumentException($"{amount} {Symbol} has more than {Decimals} decimals.", nameof(amount));
        }

        return (new BigInteger(whole) * BigInteger.Pow(10, Decimals)) + new BigInteger(fraction);
    }
}

/// <summary>A Safe created on the devnet with the EOA keys that own it.</summary>
public sealed record DevnetSafe(string Address, IReadOnlyList<DevnetAccount> OwnerAccounts, int Threshold);
