using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Signatures;

/// <summary>
/// One signature as the Safe reads it: the static (r, s, v) block and, for a contract owner (v = 0), the
/// EIP-1271 signature data found at offset s. Parsed, not yet verified (see <see cref="SafeSignatureVerifier"/>).
/// </summary>
public sealed class SafeSignature
{
    // secp256k1's group order n, and n / 2 (EIP-2's bound for s).
    private static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger HalfCurveOrder = CurveOrder / 2;

    internal SafeSignature(byte v, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, ReadOnlySpan<byte> contractSignature, int? index)
    {
        V = v;
        R = r.ToArray();
        S = s.ToArray();
        ContractSignature = contractSignature.ToArray();
        Type = TypeOf(v) ?? throw SafeSignatureException.Malformed(
            $"v = {v} is not a Safe signature type (0 contract, 1 approved hash, 27/28 EIP-712, 31/32 eth_sign).", index);
    }

    public SafeSignatureType Type { get; }

    public byte V { get; }

    public byte[] R { get; }

    public byte[] S { get; }

    /// <summary>The EIP-1271 signature bytes passed to the owner contract (empty unless <see cref="Type"/> is Eip1271).</summary>
    public byte[] ContractSignature { get; }

    /// <summary>For v = 0 and v = 1 the owner is named in r (its low 20 bytes, as the contract reads it).</summary>
    public string? NamedOwner =>
        Type is SafeSignatureType.Eip1271 or SafeSignatureType.ApprovedHash ? EthAddress.FromWord(R) : null;

    /// <summary>An approved-hash signature for <paramref name="owner"/>: r = owner, s = 0, v = 1.</summary>
    public static SafeSignature ApprovedHash(string owner) =>
        new(1, EthAddress.ToWord(owner), new byte[32], [], null);

    /// <summary>A contract-owner signature for <paramref name="owner"/> with the bytes its isValidSignature checks.</summary>
    public static SafeSignature Contract(string owner, ReadOnlySpan<byte> eip1271Signature) =>
        new(0, EthAddress.ToWord(owner), new byte[32], eip1271Signature, null);

    /// <summary>An ECDSA signature from its 65 bytes r ‖ s ‖ v (v 27/28 or 31/32).</summary>
    public static SafeSignature Ecdsa(ReadOnlySpan<byte> rsv)
    {
        if (rsv.Length != 65)
        {
            throw SafeSignatureException.Malformed($"An ECDSA signature is 65 bytes (r ‖ s ‖ v), got {rsv.Length}.");
        }

        var signature = new SafeSignature(rsv[64], rsv[..32], rsv[32..64], [], null);
        return signature.Type is SafeSignatureType.Eip712 or SafeSignatureType.EthSign
            ? signature
            : throw SafeSignatureException.Malformed($"v = {rsv[64]} is not an ECDSA v (27/28 or 31/32).");
    }

    /// <summary>
    /// The same ECDSA signature with low s (EIP-2): a signature and its <see cref="MalleatedTwin"/> recover to the same
    /// signer, so only the low-s one is kept; the Safe's ecrecover accepts both. Other kinds are returned as they are.
    /// </summary>
    public SafeSignature WithLowS() =>
        Type is SafeSignatureType.Eip712 or SafeSignatureType.EthSign && new BigInteger(S, isUnsigned: true, isBigEndian: true) > HalfCurveOrder
            ? MalleatedTwin()
            : this;

    /// <summary>The other valid encoding of an ECDSA signature: (r, n − s) with the recovery parity in v flipped.</summary>
    public SafeSignature MalleatedTwin()
    {
        if (Type is not (SafeSignatureType.Eip712 or SafeSignatureType.EthSign))
        {
            throw new InvalidOperationException($"Only ECDSA signatures have a twin; this one is {Type}.");
        }

        var twin = (CurveOrder - new BigInteger(S, isUnsigned: true, isBigEndian: true)).ToByteArray(isUnsigned: true, isBigEndian: true);
        var s = new byte[32];
        twin.CopyTo(s, 32 - twin.Length);
        // 27 <-> 28 and 31 <-> 32.
        return new SafeSignature((byte)(V % 2 == 1 ? V + 1 : V - 1), R, s, [], null);
    }

    /// <summary>
    /// The standalone encoding of this one signature: 65 bytes, or for a contract owner the static block with
    /// s = 65 followed by the 32-byte length and the data (the form Safe tools exchange single signatures in).
    /// </summary>
    public byte[] ToBytes() => SafeSignaturePacker.Encode([this]);

    public string ToHex() => ToBytes().ToHex(true);

    internal static SafeSignatureType? TypeOf(byte v) => v switch
    {
        0 => SafeSignatureType.Eip1271,
        1 => SafeSignatureType.ApprovedHash,
        27 or 28 => SafeSignatureType.Eip712,
        31 or 32 => SafeSignatureType.EthSign,
        _ => null,
    };
}
