using System.Numerics;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using static OssFunding.Safe.Tests.Signatures.SignatureFixture;

namespace OssFunding.Safe.Tests.Signatures;

public sealed class SafeSignatureVerifierTests
{
    private readonly SignatureFixture fixture = new();

    [Fact]
    public async Task An_eip712_signature_from_an_owner_is_accepted()
    {
        var verified = await fixture.Verifier.VerifyAsync(Context(), SignTyped(Keys[2]));

        Assert.Equal(Address(2), verified.Owner);
        Assert.Equal(SafeSignatureType.Eip712, verified.Type);
    }

    [Fact]
    public async Task An_eth_sign_signature_from_an_owner_is_accepted()
    {
        var verified = await fixture.Verifier.VerifyAsync(Context(), SignEthSign(Keys[1]));

        Assert.Equal(Address(1), verified.Owner);
        Assert.Equal(SafeSignatureType.EthSign, verified.Type);
    }

    [Fact]
    public async Task A_high_s_signature_is_accepted_as_ecrecover_accepts_it()
    {
        var signature = SignTyped(Keys[0]);
        var n = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337");
        var highS = (n - new BigInteger(signature.AsSpan(32, 32), true, true)).ToByteArray(true, true);
        highS.CopyTo(signature, 32 + 32 - highS.Length);
        signature[64] = (byte)(signature[64] == 27 ? 28 : 27);

        Assert.Equal(Address(0), (await fixture.Verifier.VerifyAsync(Context(), signature)).Owner);
    }

    [Fact]
    public async Task A_stranger_is_named_as_not_an_owner()
    {
        var error = await Rejected(SignTyped(Stranger));

        Assert.Equal(SignatureRejection.NotAnOwner, error.Rejection);
        Assert.Equal(Stranger.GetPublicAddress(), error.Owner);
        Assert.Contains(Stranger.GetPublicAddress(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_signature_over_another_hash_is_a_wrong_hash_when_the_signer_is_known()
    {
        var otherHash = Nethereum.Util.Sha3Keccack.Current.CalculateHash([1, 2, 3]);

        var error = await Rejected(SignTyped(Keys[0], otherHash), expectedOwner: Address(0));

        Assert.Equal(SignatureRejection.WrongHash, error.Rejection);
        Assert.Contains("different hash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_with_eth_sign_but_labelling_it_eip712_is_a_wrong_hash_naming_the_owner()
    {
        var signature = SignEthSign(Keys[3]);
        signature[64] -= 4;

        var error = await Rejected(signature);

        Assert.Equal(SignatureRejection.WrongHash, error.Rejection);
        Assert.Equal(Address(3), error.Owner);
        Assert.Contains("eth_sign", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrecoverable_ecdsa_signature_is_malformed()
    {
        var zeroR = SignTyped(Keys[0]);
        Array.Clear(zeroR, 0, 32);

        Assert.Equal(SignatureRejection.Malformed, (await Rejected(zeroR)).Rejection);
    }

    [Fact]
    public async Task An_approved_hash_is_accepted_when_approved_on_chain_or_from_the_executor()
    {
        var approved = SafeSignature.ApprovedHash(Address(1)).ToBytes();
        var verifier = fixture.Verifier;

        var notYet = await Rejected(approved);
        var asExecutor = await verifier.VerifyAsync(Context(executor: Address(1)), approved);
        fixture.Chain.ApprovedOwners.Add(Address(1));
        var onChain = await verifier.VerifyAsync(Context(), approved);

        Assert.Equal(SignatureRejection.WrongHash, notYet.Rejection);
        Assert.Contains("has not approved", notYet.Message, StringComparison.Ordinal);
        Assert.Equal(SafeSignatureType.ApprovedHash, asExecutor.Type);
        Assert.Equal(Address(1), onChain.Owner);
    }

    [Fact]
    public async Task An_approved_hash_naming_a_non_owner_is_refused_before_any_chain_read()
    {
        var error = await Rejected(SafeSignature.ApprovedHash(Stranger.GetPublicAddress()).ToBytes());

        Assert.Equal(SignatureRejection.NotAnOwner, error.Rejection);
    }

    [Fact]
    public async Task A_contract_owner_is_asked_with_the_encoded_transaction_data_by_the_safe()
    {
        var signature = SafeSignature.Contract(ContractOwner, fixture.Chain.AcceptedContractSignature).ToBytes();

        var verified = await fixture.Verifier.VerifyAsync(Context(), signature);

        Assert.Equal(ContractOwner, verified.Owner);
        var call = Assert.Single(fixture.Chain.ContractCalls);
        Assert.Equal(Context().Hashes.EncodedData, call.Data);
        Assert.Equal(Domain.SafeAddress, call.Caller);
    }

    [Fact]
    public async Task A_contract_owner_of_a_1_5_0_safe_is_asked_with_the_safe_tx_hash()
    {
        var signature = SafeSignature.Contract(ContractOwner, fixture.Chain.AcceptedContractSignature).ToBytes();

        await fixture.Verifier.VerifyAsync(Context(version: SafeVersion.V150), signature);

        // 1.5.0 calls isValidSignature(bytes32,bytes) with the SafeTx hash, not the encoded data.
        var call = Assert.Single(fixture.Chain.ContractCalls);
        Assert.Equal(SafeVersion.V150, call.Version);
        Assert.Equal(SafeTxHash, call.Data);
    }

    [Fact]
    public async Task A_contract_owner_of_a_1_5_0_safe_refusing_names_the_bytes32_variant()
    {
        var error = await Assert.ThrowsAsync<SafeSignatureException>(() => fixture.Verifier.VerifyAsync(
            Context(version: SafeVersion.V150), SafeSignature.Contract(ContractOwner, [0xba, 0xd]).ToBytes()));

        Assert.Equal(SignatureRejection.WrongHash, error.Rejection);
        Assert.Contains("isValidSignature(bytes32,bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x1626ba7e", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_owner_refusing_the_signature_is_a_wrong_hash()
    {
        var error = await Rejected(SafeSignature.Contract(ContractOwner, [0xba, 0xd]).ToBytes());

        Assert.Equal(SignatureRejection.WrongHash, error.Rejection);
        Assert.Contains("0x20c13b0b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_packed_set_in_ascending_order_meets_the_threshold()
    {
        fixture.Chain.ApprovedOwners.Add(Address(2));
        var packed = SafeSignaturePacker.Encode([
            SafeSignatureParser.ParseSingle(SignTyped(Keys[0])),
            SafeSignatureParser.ParseSingle(SignEthSign(Keys[1])),
            SafeSignature.ApprovedHash(Address(2)),
        ]);

        var verified = await fixture.Verifier.CheckSignaturesAsync(Context(), packed);

        Assert.Equal([Address(0), Address(1), Address(2)], verified.Select(v => v.Owner));
    }

    [Fact]
    public async Task A_packed_set_out_of_order_or_with_a_duplicate_is_refused_at_its_index()
    {
        var unordered = SafeSignaturePacker.Encode([
            SafeSignatureParser.ParseSingle(SignTyped(Keys[1])),
            SafeSignatureParser.ParseSingle(SignTyped(Keys[0])),
        ]);
        var duplicate = SafeSignaturePacker.Encode([
            SafeSignatureParser.ParseSingle(SignTyped(Keys[0])),
            SafeSignatureParser.ParseSingle(SignEthSign(Keys[0])),
        ]);

        var orderError = await Assert.ThrowsAsync<SafeSignatureException>(
            () => fixture.Verifier.CheckSignaturesAsync(Context(threshold: 2), unordered));
        var duplicateError = await Assert.ThrowsAsync<SafeSignatureException>(
            () => fixture.Verifier.CheckSignaturesAsync(Context(threshold: 2), duplicate));

        Assert.Equal((SignatureRejection.OutOfOrder, 1), (orderError.Rejection, orderError.SignatureIndex));
        Assert.Equal((SignatureRejection.DuplicateOwner, 1), (duplicateError.Rejection, duplicateError.SignatureIndex));
        Assert.Equal(Address(0), duplicateError.Owner);
    }

    [Fact]
    public async Task A_packed_set_with_too_few_signatures_says_how_many()
    {
        var packed = SafeSignaturePacker.Encode([SafeSignatureParser.ParseSingle(SignTyped(Keys[0]))]);

        var error = await Assert.ThrowsAsync<SafeSignatureException>(
            () => fixture.Verifier.CheckSignaturesAsync(Context(), packed));

        Assert.Equal(SignatureRejection.ThresholdNotMet, error.Rejection);
        Assert.Contains("1 of 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_refuses_a_threshold_above_the_owner_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Context(threshold: 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Context(threshold: 0));
    }

    private Task<SafeSignatureException> Rejected(byte[] signature, string? expectedOwner = null) =>
        Assert.ThrowsAsync<SafeSignatureException>(() => fixture.Verifier.VerifyAsync(Context(), signature, expectedOwner));
}
