using System.Numerics;

namespace OssFunding.Safe.Transactions;

/// <summary>Range checks for values that are ABI-encoded as uint256 / uint8.</summary>
public static class Uint256
{
    public static readonly BigInteger MaxValue = (BigInteger.One << 256) - 1;

    public static BigInteger Require(BigInteger value, string paramName)
    {
        if (value.Sign < 0 || value > MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be between 0 and 2^256-1.");
        }

        return value;
    }
}
