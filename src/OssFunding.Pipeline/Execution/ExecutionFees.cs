using System.Numerics;
using OssFunding.Core.Configuration;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// The executor's fee rules: never above <c>Execution:MaxFeePerGasGwei</c>, and a replacement raises both fees by at
/// least <see cref="BumpPerMille"/> ‰ (12.5 %) over the one it replaces (nodes refuse a replacement under +10 % as "underpriced"),
/// or to what the node now suggests when that is higher.
/// </summary>
internal static class ExecutionFees
{
    public const int BumpPerMille = 125;

    private static readonly BigInteger WeiPerGwei = BigInteger.Pow(10, 9);

    public static BigInteger Cap(ExecutionOptions options) =>
        new BigInteger(decimal.Truncate(options.MaxFeePerGasGwei * 1_000_000_000m));

    /// <summary>The suggestion, with the max fee lowered to the cap (and the priority fee to the max fee).</summary>
    public static Eip1559Fees Capped(Eip1559Fees suggested, ExecutionOptions options)
    {
        var max = BigInteger.Min(suggested.MaxFeePerGas, Cap(options));
        return new Eip1559Fees(max, BigInteger.Min(suggested.MaxPriorityFeePerGas, max));
    }

    /// <summary>
    /// Fees for replacing a transaction signed with <paramref name="previous"/>, or null when the cap does not leave room
    /// for a bump the node would accept.
    /// </summary>
    public static Eip1559Fees? Replacement(Eip1559Fees previous, Eip1559Fees suggested, ExecutionOptions options)
    {
        var minimumMax = Bumped(previous.MaxFeePerGas);
        var minimumPriority = Bumped(previous.MaxPriorityFeePerGas);
        var max = BigInteger.Min(BigInteger.Max(minimumMax, suggested.MaxFeePerGas), Cap(options));
        var priority = BigInteger.Min(BigInteger.Max(minimumPriority, suggested.MaxPriorityFeePerGas), max);
        return max < minimumMax || priority < minimumPriority ? null : new Eip1559Fees(max, priority);
    }

    public static string Gwei(BigInteger wei) =>
        ((decimal)wei / (decimal)WeiPerGwei).ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);

    // Rounded up, and at least one wei more, so a zero priority fee still rises.
    private static BigInteger Bumped(BigInteger fee) => BigInteger.Max(fee + 1, ((fee * (1000 + BumpPerMille)) + 999) / 1000);
}
