using Nethereum.Util;

namespace OssFunding.Safe.Contracts;

/// <summary>
/// The runtime bytecode every MultiSendCallOnly release has, as keccak-256 of what <c>eth_getCode</c> returns. The
/// worker DELEGATECALLs this contract with the Safe's full authority (SPEC §3), so it must be exactly one of these.
/// MultiSendCallOnly has no immutables and no libraries: the runtime code (solc metadata included) is the same on
/// every chain, so the hash of the artifact's <c>deployedBytecode</c> is the hash of the deployed code.
/// </summary>
public static class MultiSendCallOnlyCode
{
    /// <summary>
    /// Release → code hash, one per <see cref="Transactions.SafeVersions.Supported"/> version (a test holds the keys to
    /// that list). Each was computed from the npm artifact named, and a test recomputes them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KnownHashes { get; } = new Dictionary<string, string>
    {
        // @gnosis.pm/safe-contracts 1.3.0, build/artifacts/contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json
        // (deployed at 0x40A2aCCbd92BCA938b02010E17A5b8929b49130D and 0xA1dabEF33b3B82c7814B6D82A79e50F4AC44102B).
        ["1.3.0"] = "0xa9865ac2d9c7a1591619b188c4d88167b50df6cc0c5327fcbd1c8c75f7c066ad",
        // @safe-global/safe-contracts 1.4.1, same path (deployed at 0x9641d764fc13c8B624c04430C7356C1C7C8102e2).
        ["1.4.1"] = "0xecd5bd14a08c5d2122379900b2f272bdf107a7e92423c10dd5fe3254386c9939",
        // @safe-global/safe-smart-account 1.5.0, same path (deployed at 0xA83c336B20401Af773B6219BA5027174338D1836).
        ["1.5.0"] = "0xcdbdcec38d2f1c7d961b0029ff8416b7e86e9974d6f0e9c9580c7d17fcfb6663",
    };

    /// <summary>keccak-256 of runtime code given as 0x-hex (lowercase 0x-hex result).</summary>
    public static string HashOf(string runtimeCodeHex)
    {
        var hex = runtimeCodeHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? runtimeCodeHex[2..] : runtimeCodeHex;
        return "0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Convert.FromHexString(hex)));
    }

    /// <summary>The release whose code this is, or null when it is no MultiSendCallOnly release.</summary>
    public static string? ReleaseOf(string runtimeCodeHex)
    {
        var hash = HashOf(runtimeCodeHex);
        return KnownHashes.FirstOrDefault(known => known.Value == hash).Key;
    }
}
