using System.Text;
using Nethereum.Signer;
using Nethereum.Util;

namespace OssFunding.TestSupport;

/// <summary>
/// Devnet-style addresses with real EIP-55 checksums, derived from fixed test keys
/// (private key = keccak256 of a label), so nothing here is typed by hand.
/// </summary>
public static class TestAddresses
{
    public static readonly string Safe = FromLabel("ossfunding/test/safe");

    public static readonly string Lpt = FromLabel("ossfunding/test/token/LPT");

    public static readonly string Usdc = FromLabel("ossfunding/test/token/USDC");

    /// <summary>The address of the key keccak256(<paramref name="label"/>), EIP-55 checksummed.</summary>
    public static string FromLabel(string label)
    {
        var key = new Sha3Keccack().CalculateHash(Encoding.UTF8.GetBytes(label));
        var address = new EthECKey(key, true).GetPublicAddress();
        return AddressUtil.Current.ConvertToChecksumAddress(address);
    }

    /// <summary>A distinct recipient per index.</summary>
    public static string Recipient(int index) => FromLabel($"ossfunding/test/recipient/{index}");
}
