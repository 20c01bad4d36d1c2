using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Tests.MultiSend;

public sealed class PaymentBatchEncoderTests
{
    internal const string MultiSendCallOnly = "0x9641d764fc13c8B624c04430C7356C1C7C8102e2";
    internal const string Lpt = "0x289ba1701C2F088cf0faf8B3705246331cB8A839";
    internal const string Usdc = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831";
    internal const string Alice = "0x79613FD49472C3C7a32188e45ff00e7bdC8a897d";
    internal const string Bob = "0x6b92f5E5360bfCa8F5d3FcE65D87382967847983";

    [Fact]
    public void One_payment_is_a_direct_transfer_call_on_the_token()
    {
        var call = PaymentBatchEncoder.Encode([new Payment(Lpt, Alice, 1500)], MultiSendCallOnly);

        Assert.Equal(Lpt, call.To);
        Assert.Equal(SafeOperation.Call, call.Operation);
        Assert.Equal(BigInteger.Zero, call.Value);
        Assert.Equal(
            "0xa9059cbb00000000000000000000000079613fd49472c3c7a32188e45ff00e7bdc8a897d"
            + "00000000000000000000000000000000000000000000000000000000000005dc",
            call.DataHex);
    }

    [Fact]
    public void Several_payments_are_a_delegatecall_to_multisend_with_packed_transfers()
    {
        var payments = new[] { new Payment(Lpt, Alice, 1), new Payment(Usdc, Bob, 2) };

        var call = PaymentBatchEncoder.Encode(payments, MultiSendCallOnly);

        Assert.Equal(MultiSendCallOnly, call.To);
        Assert.Equal(SafeOperation.DelegateCall, call.Operation);
        var data = call.Data.ToArray();
        Assert.Equal("0x8d80ff0a", data[..4].ToHex(true));
        var packedLength = 2 * (MultiSendPacking.EntryHeaderLength + 68);
        Assert.Equal(packedLength, (int)new BigInteger(data.AsSpan(36, 32), true, true));
        var first = data.AsSpan(68, MultiSendPacking.EntryHeaderLength).ToArray();
        Assert.Equal(0, first[0]);
        Assert.Equal(Lpt.ToLowerInvariant(), first[1..21].ToHex(true));
        Assert.Equal(new byte[32], first[21..53]);
        Assert.Equal(68, (int)new BigInteger(first.AsSpan(53, 32), true, true));
        Assert.Equal(4 + 64 + ((packedLength + 31) / 32 * 32), data.Length);
    }

    [Fact]
    public void Encode_then_decode_gives_back_the_payments_in_order()
    {
        var random = new Random(20250101);
        for (var round = 0; round < 40; round++)
        {
            var payments = Enumerable.Range(0, random.Next(1, 60)).Select(_ => RandomPayment(random)).ToList();

            var call = PaymentBatchEncoder.Encode(payments, MultiSendCallOnly);

            Assert.Equal(payments, PaymentBatchDecoder.Decode(call, MultiSendCallOnly));
        }
    }

    [Fact]
    public void No_payments_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PaymentBatchEncoder.Encode([], MultiSendCallOnly));

        Assert.Contains("at least one payment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payment_needs_a_positive_amount_and_valid_addresses()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Payment(Lpt, Alice, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Payment(Lpt, Alice, -5));
        Assert.Equal("recipient", Assert.Throws<ArgumentException>(() => new Payment(Lpt, "0x1234", 1)).ParamName);
        Assert.Equal("token", Assert.Throws<ArgumentException>(() => new Payment("LPT", Alice, 1)).ParamName);
    }

    internal static Payment RandomPayment(Random random)
    {
        var recipient = new byte[20];
        random.NextBytes(recipient);
        var amountBytes = new byte[random.Next(1, 33)];
        random.NextBytes(amountBytes);
        var amount = BigInteger.Max(BigInteger.One, new BigInteger(amountBytes, isUnsigned: true));
        return new Payment(random.Next(2) == 0 ? Lpt : Usdc, recipient.ToHex(true), amount);
    }
}
