using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.MultiSend;

/// <summary>
/// Reads a Safe call back into payments so the worker can check that what is signed is what the ledger
/// says (SPEC §2.5). Accepts only what <see cref="PaymentBatchEncoder"/> can produce; everything else is a
/// <see cref="PaymentCalldataException"/> naming the rule that was broken.
/// </summary>
public static class PaymentBatchDecoder
{
    public static IReadOnlyList<Payment> Decode(SafeCall call, string multiSendCallOnly)
    {
        ArgumentNullException.ThrowIfNull(call);
        var multiSend = EthAddress.Normalize(multiSendCallOnly, nameof(multiSendCallOnly));
        RequireZeroValue(call.Value, "The Safe transaction");
        return call.Operation switch
        {
            SafeOperation.Call => [DecodeTransfer(call.To, call.Data.Span, "The Safe transaction")],
            SafeOperation.DelegateCall => DecodeMultiSend(call, multiSend),
            _ => throw new PaymentCalldataException(PaymentCalldataError.Malformed, $"Unknown operation {(int)call.Operation}."),
        };
    }

    private static List<Payment> DecodeMultiSend(SafeCall call, string multiSend)
    {
        if (!EthAddress.AreEqual(call.To, multiSend))
        {
            throw new PaymentCalldataException(PaymentCalldataError.WrongMultiSendAddress,
                $"The Safe transaction delegatecalls {call.To}; only the configured MultiSendCallOnly {multiSend} is allowed.");
        }

        var entries = MultiSendPacking.Unpack(ReadMultiSendArgument(call.Data.Span));
        if (entries.Count == 0)
        {
            throw new PaymentCalldataException(PaymentCalldataError.Empty, "The MultiSend batch contains no transactions.");
        }

        return entries.Select((entry, index) => DecodeEntry(entry, $"MultiSend entry {index}")).ToList();
    }

    private static Payment DecodeEntry(MultiSendEntry entry, string where)
    {
        if (entry.Operation != SafeOperation.Call)
        {
            throw new PaymentCalldataException(PaymentCalldataError.NestedDelegateCall,
                $"{where} has operation {(int)entry.Operation}; only plain calls (0) are allowed inside a batch.");
        }

        RequireZeroValue(entry.Value, where);
        return DecodeTransfer(entry.To, entry.Data.Span, where);
    }

    private static Payment DecodeTransfer(string token, ReadOnlySpan<byte> calldata, string where)
    {
        var (recipient, amount) = Erc20TransferCalldata.Decode(calldata, where);
        if (amount.Sign == 0)
        {
            throw new PaymentCalldataException(PaymentCalldataError.Malformed, $"{where} transfers an amount of 0.");
        }

        return new Payment(token, recipient, amount);
    }

    private static void RequireZeroValue(BigInteger value, string where)
    {
        if (!value.IsZero)
        {
            throw new PaymentCalldataException(PaymentCalldataError.NonZeroValue,
                $"{where} sends {value} wei of ether; payments must send 0.");
        }
    }

    /// <summary>Reads the <c>bytes</c> argument of <c>multiSend(bytes)</c>, requiring the canonical ABI layout.</summary>
    private static ReadOnlySpan<byte> ReadMultiSendArgument(ReadOnlySpan<byte> calldata)
    {
        var selector = new MultiSendFunction().GetCallData().AsSpan(0, 4);
        if (calldata.Length < 4 || !calldata[..4].SequenceEqual(selector))
        {
            throw new PaymentCalldataException(PaymentCalldataError.Malformed,
                $"The delegatecall is not multiSend(bytes) (expected selector {selector.ToArray().ToHex(true)}).");
        }

        var arguments = calldata[4..];
        if (arguments.Length < 64 || ReadWord(arguments, 0) != 32)
        {
            throw new PaymentCalldataException(PaymentCalldataError.Malformed,
                "multiSend calldata does not start with the canonical 0x20 offset and a length word.");
        }

        var length = ReadWord(arguments, 32);
        var padded = (length + 31) / 32 * 32;
        if (64 + padded > arguments.Length)
        {
            throw new PaymentCalldataException(PaymentCalldataError.Malformed,
                $"multiSend declares {length} bytes of transactions but the calldata is shorter.");
        }

        if (64 + padded < arguments.Length)
        {
            throw new PaymentCalldataException(PaymentCalldataError.TrailingBytes,
                $"multiSend calldata has {arguments.Length - 64 - (int)padded} bytes after its argument.");
        }

        var packed = arguments.Slice(64, (int)length);
        if (arguments[(64 + (int)length)..].ContainsAnyExcept((byte)0))
        {
            throw new PaymentCalldataException(PaymentCalldataError.TrailingBytes,
                "multiSend argument padding is not zero.");
        }

        return packed;
    }

    private static BigInteger ReadWord(ReadOnlySpan<byte> bytes, int offset) =>
        new(bytes.Slice(offset, 32), isUnsigned: true, isBigEndian: true);
}
