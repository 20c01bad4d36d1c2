using System.Numerics;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.MultiSend;

/// <summary>One transaction inside <c>multiSend(bytes)</c>: operation, target, value and calldata.</summary>
public sealed record MultiSendEntry
{
    public MultiSendEntry(SafeOperation operation, string to, BigInteger value, ReadOnlyMemory<byte> data)
    {
        Operation = operation;
        To = EthAddress.Normalize(to, nameof(to));
        Value = Uint256.Require(value, nameof(value));
        Data = data.ToArray();
    }

    /// <summary>Kept as read (a byte on the wire), so a decoder can see values other than 0 and 1.</summary>
    public SafeOperation Operation { get; }

    public string To { get; }

    public BigInteger Value { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public bool Equals(MultiSendEntry? other) =>
        other is not null
        && Operation == other.Operation
        && EthAddress.AreEqual(To, other.To)
        && Value == other.Value
        && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(Operation, To.ToUpperInvariant(), Value, Data.Length);
}
