using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Tests.Signatures;

public sealed class SafeSignatureParserTests
{
    [Theory]
    [InlineData(27, SafeSignatureType.Eip712)]
    [InlineData(28, SafeSignatureType.Eip712)]
    [InlineData(31, SafeSignatureType.EthSign)]
    [InlineData(32, SafeSignatureType.EthSign)]
    [InlineData(1, SafeSignatureType.ApprovedHash)]
    public void Static_signatures_are_typed_by_v(byte v, SafeSignatureType type)
    {
        var bytes = new byte[65];
        bytes[31] = 0x11;
        bytes[64] = v;

        Assert.Equal(type, SafeSignatureParser.ParseSingle(bytes).Type);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(33)]
    [InlineData(255)]
    public void An_unknown_v_is_malformed(byte v)
    {
        var bytes = new byte[65];
        bytes[64] = v;

        var error = Assert.Throws<SafeSignatureException>(() => SafeSignatureParser.ParseSingle(bytes));

        Assert.Equal(SignatureRejection.Malformed, error.Rejection);
        Assert.Contains($"v = {v}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(66)]
    [InlineData(130)]
    public void A_static_signature_of_the_wrong_length_is_malformed(int length)
    {
        var bytes = new byte[length];
        if (length > 64)
        {
            bytes[64] = 27;
        }

        Assert.Equal(SignatureRejection.Malformed, Assert.Throws<SafeSignatureException>(() => SafeSignatureParser.ParseSingle(bytes)).Rejection);
    }

    [Fact]
    public void A_contract_signature_round_trips_through_its_standalone_encoding()
    {
        var signature = SafeSignature.Contract(SignatureFixture.ContractOwner, [1, 2, 3, 4, 5]);

        var parsed = SafeSignatureParser.ParseSingle(signature.ToBytes());

        Assert.Equal(SafeSignatureType.Eip1271, parsed.Type);
        Assert.Equal(SignatureFixture.ContractOwner, parsed.NamedOwner);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, parsed.ContractSignature);
        Assert.Equal(65 + 32 + 5, signature.ToBytes().Length);
    }

    [Fact]
    public void A_contract_signature_pointing_elsewhere_or_with_extra_bytes_is_malformed()
    {
        var bytes = SafeSignature.Contract(SignatureFixture.ContractOwner, [1, 2, 3]).ToBytes();
        var wrongOffset = bytes.ToArray();
        wrongOffset[63] = 66;

        Assert.Contains("s = 65", Malformed(wrongOffset).Message, StringComparison.Ordinal);
        Assert.Contains("make", Malformed([.. bytes, 0]).Message, StringComparison.Ordinal);
        Assert.Contains("past the end", Malformed(bytes[..^1]).Message, StringComparison.Ordinal);
        Assert.Contains("no room", Malformed(bytes[..70]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenated_signatures_shorter_than_the_threshold_are_refused()
    {
        var two = new byte[130];
        two[64] = 1;
        two[129] = 1;

        var tooFew = Assert.Throws<SafeSignatureException>(() => SafeSignatureParser.ParseConcatenated(two, 3));
        var ragged = Assert.Throws<SafeSignatureException>(() => SafeSignatureParser.ParseConcatenated(two.AsSpan(0, 100), 2));

        Assert.Equal(SignatureRejection.ThresholdNotMet, tooFew.Rejection);
        Assert.Contains("2 of 3", tooFew.Message, StringComparison.Ordinal);
        Assert.Equal(SignatureRejection.Malformed, ragged.Rejection);
    }

    [Fact]
    public void A_packed_contract_offset_inside_the_static_part_is_refused_with_its_index()
    {
        var packed = SafeSignaturePacker.Encode([
            SafeSignature.ApprovedHash(SignatureFixture.Address(0)),
            SafeSignature.Contract(SignatureFixture.ContractOwner, [9]),
        ]);
        packed[65 + 63] = 64;

        var error = Assert.Throws<SafeSignatureException>(() => SafeSignatureParser.ParseConcatenated(packed, 2));

        Assert.Equal(1, error.SignatureIndex);
        Assert.Contains("inside the static part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_first_threshold_signatures_are_read_like_the_contract()
    {
        var packed = SafeSignaturePacker.Encode([
            SafeSignature.ApprovedHash(SignatureFixture.Address(0)),
            SafeSignature.ApprovedHash(SignatureFixture.Address(1)),
        ]);

        var parsed = SafeSignatureParser.ParseConcatenated([.. packed, 0xde, 0xad], 1);

        Assert.Equal(SignatureFixture.Address(0), Assert.Single(parsed).NamedOwner);
    }

    [Fact]
    public void The_owner_named_in_r_is_read_from_its_low_20_bytes()
    {
        var word = EthAddress.ToWord(SignatureFixture.ContractOwner);
        word[0] = 0xff;
        var bytes = new byte[65];
        word.CopyTo(bytes, 0);
        bytes[64] = 1;

        Assert.Equal(SignatureFixture.ContractOwner, SafeSignatureParser.ParseSingle(bytes).NamedOwner);
    }

    private static SafeSignatureException Malformed(byte[] bytes)
    {
        var error = Assert.Throws<SafeSignatureException>(() => SafeSignatureParser.ParseSingle(bytes));
        Assert.Equal(SignatureRejection.Malformed, error.Rejection);
        return error;
    }
}
