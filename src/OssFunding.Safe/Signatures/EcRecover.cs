using System.Numerics;
using Nethereum.Signer;
using Nethereum.Util;

namespace OssFunding.Safe.Signatures;

/// <summary>
/// The EVM <c>ecrecover</c> precompile's contract on top of Nethereum's recovery: v must be 27/28 and
/// r, s in [1, n); anything else, or an r that is not a curve point, recovers nothing (the precompile
/// returns address 0). High s is accepted, as the precompile accepts it.
/// </summary>
internal static class EcRecover
{
    private static readonly BigInteger CurveOrder = BigInteger.Parse(
        "115792089237316195423570985008687907852837564279074904382605163141518161494337",
        System.Globalization.CultureInfo.InvariantCulture);

    public static string? Recover(byte[] hash, byte v, byte[] r, byte[] s)
    {
        if (v is not (27 or 28) || !InRange(r) || !InRange(s))
        {
            return null;
        }

        try
        {
            var signature = EthECDSASignatureFactory.FromComponents(r, s, v);
            return EthECKey.RecoverFromSignature(signature, hash).GetPublicAddress();
        }
        catch (ArgumentException)
        {
            // r is in range but is not the x coordinate of a point on secp256k1 ("Invalid point compression").
            return null;
        }
    }

    /// <summary>keccak256("\x19Ethereum Signed Message:\n32" ‖ hash), what eth_sign signs and Safe recovers for v 31/32.</summary>
    public static byte[] EthSignHash(byte[] hash) =>
        Sha3Keccack.Current.CalculateHash([.. "\u0019Ethereum Signed Message:\n32"u8, .. hash]);

    private static bool InRange(byte[] word)
    {
        var value = new BigInteger(word, isUnsigned: true, isBigEndian: true);
        return value.Sign > 0 && value < CurveOrder;
    }
}
