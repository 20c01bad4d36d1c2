using System.Numerics;
using Nethereum.ABI;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.MultiSend;

/// <summary>
/// The <c>transactions</c> argument of <c>multiSend(bytes)</c>: for each entry
/// <c>abi.encodePacked(uint8 operation, address to, uint256 value, uint256 dataLength, bytes data)</c>.
/// </summary>
public static class MultiSendPacking
{
    /// <summary>1 operation byte + 20 address bytes + 32 value bytes + 32 length bytes.</summary>
    public const int EntryHeaderLength = 85;

    private static readonly ABIEncode Abi = new();

    public static byte[] Pack(IEnumerable<MultiSendEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.SelectMany(PackOne).ToArray();
    }

    private static byte[] PackOne(MultiSendEntry entry) => Abi.GetABIEncodedPacked(
        new ABIValue("uint8", (byte)entry.Operation),
        new ABIValue("address", entry.To),
        new ABIValue("uint256", entry.Value),
        new ABIValue("uint256", new BigInteger(entry.Data.Length)),
        new ABIValue("bytes", entry.Data.ToArray()));

    /// <summary>
    /// Splits packed entries the way MultiSendCallOnly walks them, but refuses an entry that would run past
    /// the end (the contract would read beyond its input) instead of executing it.
    /// </summary>
    public static IReadOnlyList<MultiSendEntry> Unpack(ReadOnlySpan<byte> packed)
    {
        var entries = new List<MultiSendEntry>();
        var position = 0;
        while (position < packed.Length)
        {
            var remaining = packed.Length - position;
            if (remaining < EntryHeaderLength)
            {
                throw new PaymentCalldataException(PaymentCalldataError.TrailingBytes,
                    $"MultiSend has {remaining} trailing bytes after entry {entries.Count}, less than an entry header ({EntryHeaderLength} bytes).");
            }

            var header = packed.Slice(position, EntryHeaderLength);
            var dataLength = new BigInteger(header.Slice(53, 32), isUnsigned: true, isBigEndian: true);
            if (dataLength > remaining - EntryHeaderLength)
            {
                throw new PaymentCalldataException(PaymentCalldataError.TrailingBytes,
                    $"MultiSend entry {entries.Count} declares {dataLength} data bytes but only {remaining - EntryHeaderLength} follow.");
            }

            var data = packed.Slice(position + EntryHeaderLength, (int)dataLength);
            entries.Add(new MultiSendEntry(
                (SafeOperation)header[0],
                EthAddress.FromBytes(header.Slice(1, 20)),
                new BigInteger(header.Slice(21, 32), isUnsigned: true, isBigEndian: true),
                data.ToArray()));
            position += EntryHeaderLength + (int)dataLength;
        }

        return entries;
    }
}
