using System.Numerics;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using static OssFunding.Safe.Tests.Signatures.SignatureFixture;

namespace OssFunding.Safe.Tests.Signatures;

public sealed class SafeSignaturePackerTests
{
    [Fact]
    public void Signatures_are_packed_in_ascending_owner_order()
    {
        var signatures = new[] { 3, 0, 2 }.Select(i => Verified(Address(i), SafeSignatureParser.ParseSingle(SignTyped(Keys[i])))).ToList();

        var packed = SafeSignaturePacker.Pack(signatures);

        Assert.Equal(3 * 65, packed.Length);
        Assert.Equal(SignTyped(Keys[0]), packed[..65]);
        Assert.Equal(SignTyped(Keys[2]), packed[65..130]);
        Assert.Equal(SignTyped(Keys[3]), packed[130..]);
    }

    [Fact]
    public void Contract_data_follows_the_static_part_with_matching_offsets()
    {
        var low = "0x0000000000000000000000000000000000000001";
        var high = EthAddress.Normalize("0xffffffffffffffffffffffffffffffffffffffff", "high");
        var signatures = new[]
        {
            Verified(high, SafeSignature.Contract(high, [7, 7])),
            Verified(Address(0), SafeSignatureParser.ParseSingle(SignTyped(Keys[0]))),
            Verified(low, SafeSignature.Contract(low, [1, 2, 3])),
        };

        var packed = SafeSignaturePacker.Pack(signatures);

        var parsed = SafeSignatureParser.ParseConcatenated(packed, 3);
        Assert.Equal([low, Address(0), high], parsed.Select(p => p.NamedOwner ?? Address(0)));
        Assert.Equal(new byte[] { 1, 2, 3 }, parsed[0].ContractSignature);
        Assert.Equal(new byte[] { 7, 7 }, parsed[2].ContractSignature);
        Assert.Equal(195, (int)new BigInteger(packed.AsSpan(32, 32), true, true));
        Assert.Equal(195 + 32 + 3, (int)new BigInteger(packed.AsSpan(130 + 32, 32), true, true));
        Assert.Equal(195 + 32 + 3 + 32 + 2, packed.Length);
    }

    [Fact]
    public void Approved_hash_signatures_are_packed_canonically()
    {
        var packed = SafeSignaturePacker.Pack([Verified(Address(1), SafeSignature.ApprovedHash(Address(1)))]);

        Assert.Equal(EthAddress.ToWord(Address(1)), packed[..32]);
        Assert.Equal(new byte[32], packed[32..64]);
        Assert.Equal(1, packed[64]);
    }

    [Fact]
    public void Two_signatures_from_one_owner_are_refused()
    {
        var error = Assert.Throws<SafeSignatureException>(() => SafeSignaturePacker.Pack([
            Verified(Address(0), SafeSignatureParser.ParseSingle(SignTyped(Keys[0]))),
            Verified(Address(0), SafeSignatureParser.ParseSingle(SignEthSign(Keys[0]))),
        ]));

        Assert.Equal(SignatureRejection.DuplicateOwner, error.Rejection);
        Assert.Equal(Address(0), error.Owner);
    }

    [Fact]
    public void Packing_for_execution_takes_the_threshold_lowest_owners_or_says_what_is_missing()
    {
        var all = Enumerable.Range(0, 4).Select(i => Verified(Address(i), SafeSignatureParser.ParseSingle(SignTyped(Keys[i])))).Reverse().ToList();

        var packed = SafeSignaturePacker.PackForExecution(all, 3);
        var error = Assert.Throws<SafeSignatureException>(() => SafeSignaturePacker.PackForExecution(all.Take(2).ToList(), 3));

        Assert.Equal([.. SignTyped(Keys[0]), .. SignTyped(Keys[1]), .. SignTyped(Keys[2])], packed);
        Assert.Equal(SignatureRejection.ThresholdNotMet, error.Rejection);
        Assert.Contains("2 of 3", error.Message, StringComparison.Ordinal);
    }

    private static VerifiedSignature Verified(string owner, SafeSignature signature) => new(owner, signature.Type, signature);
}
