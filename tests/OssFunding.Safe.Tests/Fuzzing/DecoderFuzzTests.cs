using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using static OssFunding.Safe.Tests.MultiSend.PaymentBatchEncoderTests;

namespace OssFunding.Safe.Tests.Fuzzing;

/// <summary>
/// The signature parser and the MultiSend decoder read bytes that come from outside (API bodies, the Transaction
/// Service, the ledger). For any input, generated or a valid one with bytes flipped, cut or added, each either answers
/// or refuses with its own exception and a reason; nothing else escapes (no index, overflow or argument exception that
/// the API would turn into a 500). Security issue item 6.
/// </summary>
public sealed class DecoderFuzzTests
{
    private static readonly SafeCall ValidBatch = PaymentBatchEncoder.Encode(
        [new Payment(Lpt, Alice, 1500), new Payment(Usdc, Bob, 2), new Payment(Lpt, Bob, BigInteger.Pow(2, 200))], MultiSendCallOnly);

    [Property(MaxTest = 2000)]
    public void Any_bytes_parse_as_one_signature_or_are_refused_with_a_reason(byte[] bytes) =>
        AnswersOrRefuses(() => SafeSignatureParser.ParseSingle(bytes));

    [Property(MaxTest = 2000)]
    public void Any_bytes_parse_as_a_packed_set_or_are_refused_with_a_reason(byte[] bytes, PositiveInt count) =>
        AnswersOrRefuses(() => SafeSignatureParser.ParseConcatenated(bytes, Math.Min(count.Get, 10)));

    [Fact]
    public void The_inputs_the_mutations_start_from_are_valid()
    {
        Assert.Equal(4, SafeSignatureParser.ParseConcatenated(ValidPackedSet(), 4).Count);
        Assert.Equal(3, PaymentBatchDecoder.Decode(ValidBatch, MultiSendCallOnly).Count);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Mutations)])]
    public void A_packed_set_with_bytes_flipped_cut_or_added_parses_or_is_refused(Mutation mutation) =>
        AnswersOrRefuses(() => SafeSignatureParser.ParseConcatenated(mutation.Apply(ValidPackedSet()), 4));

    /// <summary>Three ECDSA signatures and a contract signature whose 4 data bytes sit after the static part.</summary>
    private static byte[] ValidPackedSet()
    {
        var valid = new byte[4 * 65 + 32 + 4];
        for (var i = 0; i < 3; i++)
        {
            valid[(i * 65) + 31] = (byte)(i + 1);
            valid[(i * 65) + 63] = 1;
            valid[(i * 65) + 64] = 27;
        }

        valid[(3 * 65) + 62] = 1; // offset 4 * 65 = 0x0104
        valid[(3 * 65) + 63] = 4;
        valid[(4 * 65) + 31] = 4;
        return valid;
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Mutations)])]
    public void A_batch_with_bytes_flipped_cut_or_added_decodes_or_is_refused(Mutation mutation)
    {
        var data = mutation.Apply(ValidBatch.Data.ToArray());
        AnswersOrRefuses(() => PaymentBatchDecoder.Decode(new SafeCall(ValidBatch.To, 0, data, ValidBatch.Operation), MultiSendCallOnly));
    }

    [Property(MaxTest = 1000)]
    public void Any_bytes_delegatecalled_to_MultiSend_decode_or_are_refused(byte[] bytes) =>
        AnswersOrRefuses(() => PaymentBatchDecoder.Decode(new SafeCall(MultiSendCallOnly, 0, bytes, SafeOperation.DelegateCall), MultiSendCallOnly));

    [Property(MaxTest = 1000)]
    public void Any_bytes_called_on_a_token_decode_or_are_refused(byte[] bytes) =>
        AnswersOrRefuses(() => PaymentBatchDecoder.Decode(new SafeCall(Lpt, 0, bytes, SafeOperation.Call), MultiSendCallOnly));

    private static void AnswersOrRefuses(Action read)
    {
        try
        {
            read();
        }
        catch (Exception exception) when (exception is SafeSignatureException or PaymentCalldataException)
        {
            Assert.False(string.IsNullOrWhiteSpace(exception.Message), "a refusal without a reason");
        }
    }

    private static void AnswersOrRefuses<T>(Func<T> read) => AnswersOrRefuses(() => { _ = read(); });

    /// <summary>One edit of a byte string: flip bits at a position, cut at a position, or add bytes at a position.</summary>
    public sealed record Mutation(int Kind, int Position, byte Value, byte[] Added)
    {
        public byte[] Apply(byte[] bytes)
        {
            var at = bytes.Length == 0 ? 0 : Position % bytes.Length;
            switch (Kind % 3)
            {
                case 0 when bytes.Length > 0:
                    var flipped = (byte[])bytes.Clone();
                    flipped[at] ^= Value == 0 ? (byte)0xff : Value;
                    return flipped;
                case 1:
                    return bytes[..at];
                default:
                    return [.. bytes[..at], .. Added, .. bytes[at..]];
            }
        }
    }

    public static class Mutations
    {
        public static Arbitrary<Mutation> Mutation() =>
            (from kind in Gen.Choose(0, 2)
             from position in Gen.Choose(0, int.MaxValue - 1)
             from value in ArbMap.Default.GeneratorFor<byte>()
             from added in ArbMap.Default.GeneratorFor<byte[]>()
             select new Mutation(kind, position, value, added)).ToArbitrary();
    }
}
