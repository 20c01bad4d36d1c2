using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>One signature the fake parsed out of a request, with the owner it stands for.</summary>
internal sealed record FakeSignature(string Owner, string Type, string Hex);

/// <summary>
/// The service's reading of signatures (safe-eth-py SafeSignature.parse_signature), written independently of the
/// worker's parser: 65-byte blocks; v 27/28 recovers over the SafeTx hash (type EOA), v 31/32 over the eth_sign
/// prefixed hash with v − 4 (ETH_SIGN), v 1 names the owner in r (APPROVED_HASH, valid once approved on chain).
/// Contract signatures (v 0) are refused by this fake.
/// </summary>
internal static class FakeSignatures
{
    public static IReadOnlyList<FakeSignature> Parse(string signatureHex, string safeTxHash, out string? problem)
    {
        problem = null;
        var bytes = signatureHex.HexToByteArray();
        if (bytes.Length == 0 || bytes.Length % 65 != 0)
        {
            problem = $"Signature={signatureHex} must be one or more 65-byte signatures";
            return [];
        }

        var parsed = new List<FakeSignature>();
        for (var offset = 0; offset < bytes.Length; offset += 65)
        {
            var block = bytes[offset..(offset + 65)];
            var owner = Recover(block, safeTxHash.HexToByteArray(), out var type);
            if (owner is null)
            {
                problem = $"Signature={block.ToHex(true)} is not valid (v={block[64]})";
                return [];
            }

            parsed.Add(new FakeSignature(owner, type, block.ToHex(true)));
        }

        return parsed;
    }

    private static string? Recover(byte[] block, byte[] hash, out string type)
    {
        var v = block[64];
        switch (v)
        {
            case 1:
                type = "APPROVED_HASH";
                return AddressUtil.Current.ConvertToChecksumAddress(block[12..32].ToHex(true));
            case 27 or 28:
                type = "EOA";
                return RecoverEcdsa(hash, block);
            case 31 or 32:
                type = "ETH_SIGN";
                var prefixed = new Sha3Keccack().CalculateHash([.. "\u0019Ethereum Signed Message:\n32"u8, .. hash]);
                return RecoverEcdsa(prefixed, [.. block[..64], (byte)(v - 4)]);
            default:
                type = v == 0 ? "CONTRACT_SIGNATURE" : "UNKNOWN";
                return null;
        }
    }

    private static string? RecoverEcdsa(byte[] hash, byte[] rsv)
    {
        try
        {
            var signature = EthECDSASignatureFactory.FromComponents(rsv[..32], rsv[32..64], rsv[64]);
            return EthECKey.RecoverFromSignature(signature, hash).GetPublicAddress();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
