using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;
using static OssFunding.Safe.Tests.MultiSend.PaymentBatchEncoderTests;

namespace OssFunding.Safe.Tests.MultiSend;

public sealed class PaymentBatchDecoderTests
{
    private static readonly byte[] Transfer = Erc20TransferCalldata.Encode(Alice, 10);

    [Fact]
    public void A_direct_call_that_is_not_a_transfer_is_refused()
    {
        var approve = ("0x095ea7b3" + Transfer.ToHex()[8..]).HexToByteArray();

        var error = Refused(new SafeCall(Lpt, 0, approve, SafeOperation.Call));

        Assert.Equal(PaymentCalldataError.NotTransfer, error.Error);
        Assert.Contains("0x095ea7b3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ether_value_on_the_safe_transaction_is_refused()
    {
        var error = Refused(new SafeCall(Lpt, 1, Transfer, SafeOperation.Call));

        Assert.Equal(PaymentCalldataError.NonZeroValue, error.Error);
    }

    [Fact]
    public void Ether_value_inside_the_batch_is_refused()
    {
        var error = Refused(MultiSendCall(Entry(to: Lpt), Entry(to: Usdc, value: 5)));

        Assert.Equal(PaymentCalldataError.NonZeroValue, error.Error);
        Assert.Contains("MultiSend entry 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_delegatecall_is_refused()
    {
        var error = Refused(MultiSendCall(Entry(to: Lpt), Entry(to: Usdc, operation: SafeOperation.DelegateCall)));

        Assert.Equal(PaymentCalldataError.NestedDelegateCall, error.Error);
    }

    [Fact]
    public void A_delegatecall_to_another_address_is_refused()
    {
        var good = MultiSendCall(Entry(to: Lpt), Entry(to: Usdc));

        var error = Refused(new SafeCall(Bob, 0, good.Data, SafeOperation.DelegateCall));

        Assert.Equal(PaymentCalldataError.WrongMultiSendAddress, error.Error);
        Assert.Contains(Bob, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_after_the_last_entry_are_refused()
    {
        var packed = MultiSendPacking.Pack([Entry(to: Lpt), Entry(to: Usdc)]).Concat(new byte[] { 0, 1, 2 }).ToArray();

        var error = Refused(MultiSendCall(packed));

        Assert.Equal(PaymentCalldataError.TrailingBytes, error.Error);
    }

    [Fact]
    public void An_entry_longer_than_the_remaining_bytes_is_refused()
    {
        var packed = MultiSendPacking.Pack([Entry(to: Lpt), Entry(to: Usdc)]);

        var error = Refused(MultiSendCall(packed[..^1]));

        Assert.Equal(PaymentCalldataError.TrailingBytes, error.Error);
        Assert.Contains("declares 68 data bytes but only 67 follow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_calldata_with_extra_bytes_is_refused()
    {
        var error = Refused(new SafeCall(Lpt, 0, Transfer.Append((byte)0).ToArray(), SafeOperation.Call));

        Assert.Equal(PaymentCalldataError.TrailingBytes, error.Error);
    }

    [Fact]
    public void Bytes_after_the_multisend_argument_are_refused()
    {
        var call = MultiSendCall(Entry(to: Lpt), Entry(to: Usdc));

        var error = Refused(new SafeCall(call.To, 0, call.Data.ToArray().Concat(new byte[32]).ToArray(), SafeOperation.DelegateCall));

        Assert.Equal(PaymentCalldataError.TrailingBytes, error.Error);
    }

    [Fact]
    public void An_empty_batch_is_refused()
    {
        Assert.Equal(PaymentCalldataError.Empty, Refused(MultiSendCall(Array.Empty<byte>())).Error);
    }

    [Fact]
    public void A_non_canonical_multisend_offset_is_refused()
    {
        var data = MultiSendCall(Entry(to: Lpt), Entry(to: Usdc)).Data.ToArray();
        data[4 + 31] = 0x40;

        var error = Refused(new SafeCall(MultiSendCallOnly, 0, data, SafeOperation.DelegateCall));

        Assert.Equal(PaymentCalldataError.Malformed, error.Error);
    }

    [Fact]
    public void A_recipient_word_with_dirty_high_bytes_is_refused()
    {
        var dirty = Transfer.ToArray();
        dirty[4] = 0xff;

        Assert.Equal(PaymentCalldataError.Malformed, Refused(new SafeCall(Lpt, 0, dirty, SafeOperation.Call)).Error);
    }

    [Fact]
    public void A_zero_amount_transfer_is_refused()
    {
        var zero = new TransferFunction { To = Alice, Amount = 0 }.GetCallData();

        Assert.Equal(PaymentCalldataError.Malformed, Refused(new SafeCall(Lpt, 0, zero, SafeOperation.Call)).Error);
    }

    [Fact]
    public void A_delegatecall_that_is_not_multisend_is_refused()
    {
        Assert.Equal(PaymentCalldataError.Malformed, Refused(new SafeCall(MultiSendCallOnly, 0, Transfer, SafeOperation.DelegateCall)).Error);
    }

    [Fact]
    public void A_single_entry_multisend_decodes()
    {
        var payments = PaymentBatchDecoder.Decode(MultiSendCall(Entry(to: Usdc)), MultiSendCallOnly);

        Assert.Equal([new Payment(Usdc, Alice, 10)], payments);
    }

    private static PaymentCalldataException Refused(SafeCall call) =>
        Assert.Throws<PaymentCalldataException>(() => PaymentBatchDecoder.Decode(call, MultiSendCallOnly));

    private static MultiSendEntry Entry(string to, BigInteger? value = null, SafeOperation operation = SafeOperation.Call) =>
        new(operation, to, value ?? 0, Transfer);

    private static SafeCall MultiSendCall(params MultiSendEntry[] entries) => MultiSendCall(MultiSendPacking.Pack(entries));

    private static SafeCall MultiSendCall(byte[] packed) =>
        new(MultiSendCallOnly, 0, new MultiSendFunction { Transactions = packed }.GetCallData(), SafeOperation.DelegateCall);
}
