namespace OssFunding.Safe.Transactions;

/// <summary>
/// The Safe singleton versions the worker supports. All hash SafeTx with the domain
/// <c>EIP712Domain(uint256 chainId,address verifyingContract)</c>; they differ in how
/// <c>checkSignatures</c> treats contract signatures (1.4.1 also requires keccak(data) == dataHash; 1.5.0 asks the
/// owner <c>isValidSignature(bytes32,bytes)</c> about the SafeTx hash instead of the legacy <c>bytes</c> variant).
/// </summary>
public enum SafeVersion
{
    V130,
    V141,
    V150,
}

public static class SafeVersions
{
    /// <summary>
    /// Every version the worker runs against, oldest first: the version check at start, the MultiSendCallOnly
    /// code-hash check and the test matrix all read this list.
    /// </summary>
    public static IReadOnlyList<SafeVersion> Supported { get; } = [SafeVersion.V130, SafeVersion.V141, SafeVersion.V150];

    /// <summary>The release new Safes are created at (the demo deploys it).</summary>
    public static SafeVersion Current => Supported[^1];

    /// <summary>"1.3.0, 1.4.1 and 1.5.0", for messages and docs.</summary>
    public static string SupportedText { get; } =
        string.Join(", ", Supported.SkipLast(1).Select(ToVersionString)) + " and " + Supported[^1].ToVersionString();

    /// <summary>
    /// Parses the string the contract's <c>VERSION()</c> returns ("1.3.0", "1.4.1", "1.5.0"; an L2 suffix such as
    /// "1.3.0+L2" is accepted because the L2 singletons only add events).
    /// </summary>
    public static SafeVersion Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var core = version.Split('+')[0].Trim();
        return Supported.Where(v => v.ToVersionString() == core).Select(v => (SafeVersion?)v).FirstOrDefault()
            ?? throw new NotSupportedException($"Safe version '{version}' is not supported; the worker supports {SupportedText}.");
    }

    public static string ToVersionString(this SafeVersion version) => version switch
    {
        SafeVersion.V130 => "1.3.0",
        SafeVersion.V141 => "1.4.1",
        SafeVersion.V150 => "1.5.0",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown Safe version."),
    };

    /// <summary>
    /// True when <c>checkSignatures</c> asks a contract owner the standard <c>isValidSignature(bytes32,bytes)</c>
    /// (magic 0x1626ba7e) about the SafeTx hash (1.5.0); false when it asks the legacy
    /// <c>isValidSignature(bytes,bytes)</c> (magic 0x20c13b0b) about the encoded transaction data (1.3.0, 1.4.1).
    /// </summary>
    public static bool AsksContractOwnersByHash(this SafeVersion version) => version >= SafeVersion.V150;
}
