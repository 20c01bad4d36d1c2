using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Tests.Transactions;

public sealed class SafeTransactionTests
{
    private const string Target = "0x79613fd49472c3c7a32188e45ff00e7bdc8a897d";

    [Fact]
    public void Addresses_are_kept_in_checksum_form()
    {
        var tx = SafeTransaction.WithoutRefund(new SafeCall(Target, 0, new byte[] { 1 }, SafeOperation.Call), 7);

        Assert.Equal("0x79613FD49472C3C7a32188e45ff00e7bdC8a897d", tx.To);
        Assert.Equal(EthAddress.Zero, tx.GasToken);
        Assert.Equal(EthAddress.Zero, tx.RefundReceiver);
        Assert.Equal(0, tx.SafeTxGas);
        Assert.Equal(7, tx.Nonce);
        Assert.Equal("0x01", tx.DataHex);
    }

    [Theory]
    [InlineData("0x79613FD49472C3C7a32188e45ff00e7bdC8a897")]
    [InlineData("79613FD49472C3C7a32188e45ff00e7bdC8a897d")]
    [InlineData("0xZZ613FD49472C3C7a32188e45ff00e7bdC8a897d")]
    [InlineData("")]
    public void A_bad_address_is_refused_by_name(string to)
    {
        var error = Assert.Throws<ArgumentException>(() => new SafeCall(to, 0, Array.Empty<byte>(), SafeOperation.Call));

        Assert.Equal("to", error.ParamName);
        Assert.Contains("is not an address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_numbers_and_operations_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafeCall(Target, -1, Array.Empty<byte>(), SafeOperation.Call));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafeCall(Target, Uint256.MaxValue + 1, Array.Empty<byte>(), SafeOperation.Call));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafeCall(Target, 0, Array.Empty<byte>(), (SafeOperation)2));
        var call = new SafeCall(Target, 0, Array.Empty<byte>(), SafeOperation.Call);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SafeTransaction.WithoutRefund(call, -1));
        Assert.Equal("nonce", error.ParamName);
    }

    [Fact]
    public void Data_is_copied_so_later_changes_do_not_alter_the_transaction()
    {
        var data = new byte[] { 1, 2, 3 };
        var call = new SafeCall(Target, 0, data, SafeOperation.Call);

        data[0] = 9;

        Assert.Equal(1, call.Data.Span[0]);
        Assert.Equal(call, new SafeCall(Target.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), 0, new byte[] { 1, 2, 3 }, SafeOperation.Call));
    }

    [Theory]
    [InlineData("1.3.0", SafeVersion.V130)]
    [InlineData("1.3.0+L2", SafeVersion.V130)]
    [InlineData("1.4.1", SafeVersion.V141)]
    [InlineData("1.5.0", SafeVersion.V150)]
    [InlineData("1.5.0+L2", SafeVersion.V150)]
    public void Versions_are_parsed(string text, SafeVersion expected) => Assert.Equal(expected, SafeVersions.Parse(text));

    [Fact]
    public void Unsupported_versions_are_refused_with_the_supported_list()
    {
        var error = Assert.Throws<NotSupportedException>(() => SafeVersions.Parse("1.1.1"));

        Assert.Contains("1.3.0, 1.4.1 and 1.5.0", error.Message, StringComparison.Ordinal);
    }
}
