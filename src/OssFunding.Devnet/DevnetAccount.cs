using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

namespace OssFunding.Devnet;

/// <summary>
/// A devnet key derived from a label (private key = keccak256("ossfunding-devnet:" + label)), so the same
/// label gives the same address in every run. Never use these keys anywhere but a local chain.
/// </summary>
public sealed class DevnetAccount
{
    private DevnetAccount(string label, EthECKey key)
    {
        Label = label;
        Key = key;
        PrivateKey = key.GetPrivateKeyAsBytes().ToHex(prefix: true);
        Address = key.GetPublicAddress();
    }

    public string Label { get; }

    /// <summary>0x-prefixed hex.</summary>
    public string PrivateKey { get; }

    /// <summary>EIP-55 checksummed.</summary>
    public string Address { get; }

    public EthECKey Key { get; }

    public static DevnetAccount FromLabel(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var seed = Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes("ossfunding-devnet:" + label));
        return new DevnetAccount(label, new EthECKey(seed, isPrivate: true));
    }

    public override string ToString() => $"{Label} {Address}";
}
