using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;

namespace OssFunding.Safe.Transactions;

/// <summary>What a Safe transaction does (target, value, calldata, operation), without gas fields or nonce.</summary>
public sealed record SafeCall
{
    public SafeCall(string to, BigInteger value, ReadOnlyMemory<byte> data, SafeOperation operation)
    {
        To = EthAddress.Normalize(to, nameof(to));
        Value = Uint256.Require(value, nameof(value));
        Data = data.ToArray();
        Operation = Enum.IsDefined(operation)
            ? operation
            : throw new ArgumentOutOfRangeException(nameof(operation), operation, "operation must be 0 (call) or 1 (delegatecall).");
    }

    public string To { get; }

    public BigInteger Value { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public SafeOperation Operation { get; }

    public string DataHex => Data.ToArray().ToHex(true);

    public bool Equals(SafeCall? other) =>
        other is not null
        && EthAddress.AreEqual(To, other.To)
        && Value == other.Value
        && Data.Span.SequenceEqual(other.Data.Span)
        && Operation == other.Operation;

    public override int GetHashCode() => HashCode.Combine(To.ToUpperInvariant(), Value, Data.Length, Operation);
}
