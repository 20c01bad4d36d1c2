using OssFunding.Safe.Signatures;

namespace OssFunding.Safe.Tests.Signatures;

/// <summary>
/// ECDSA malleability (EIP-2): (r, s, v) and (r, n − s, v flipped) recover to the same owner, and the Safe's ecrecover
/// accepts both; the worker keeps one encoding, the low-s one.
/// </summary>
public sealed class LowSTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_high_s_twin_of_a_signature_normalises_to_the_signature_itself(bool ethSign)
    {
        var key = SignatureFixture.Keys[0];
        var low = ethSign ? SignatureFixture.SignEthSign(key) : SignatureFixture.SignTyped(key);
        var twin = SafeSignature.Ecdsa(low).MalleatedTwin().ToBytes();
        var hash = ethSign ? EcRecover.EthSignHash(SignatureFixture.SafeTxHash) : SignatureFixture.SafeTxHash;
        Assert.NotEqual(low, twin);
        Assert.Equal(key.GetPublicAddress(), EcRecover.Recover(hash, (byte)(twin[64] > 30 ? twin[64] - 4 : twin[64]), twin[..32], twin[32..64]));

        var normalised = SafeSignature.Ecdsa(twin).WithLowS();

        Assert.Equal(low, normalised.ToBytes());
        Assert.Equal(low, SafeSignature.Ecdsa(low).WithLowS().ToBytes());
    }

    [Fact]
    public void Approved_hash_and_contract_signatures_are_left_as_they_are()
    {
        var approved = SafeSignature.ApprovedHash(SignatureFixture.Address(1));
        var contract = SafeSignature.Contract(SignatureFixture.ContractOwner, [0xc0, 0xff, 0xee]);

        Assert.Same(approved, approved.WithLowS());
        Assert.Same(contract, contract.WithLowS());
    }
}
