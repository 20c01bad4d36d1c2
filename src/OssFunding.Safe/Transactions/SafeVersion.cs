namespace OssFunding.Safe.Transactions;

/// <summary>
/// The Safe singleton versions the worker supports. Both hash SafeTx with the domain
/// <c>EIP712Domain(uint256 chainId,address verifyingContract)</c>; they differ in how
/// <c>checkSignatures</c> treats contract signatures (1.4.1 also requires keccak(data) == dataHash).
/// </summary>
public enum SafeVersion
{
    V130,
    V141,
}

public static class SafeVersions
{
    /// <summary>
    /// Parses the string the contract's <c>VERSION()</c> returns ("1.3.0", "1.4.1"; an L2 suffix such as
    /// "1.3.0+L2" is accepted because the L2 singletons only add events).
    /// </summary>
    public static SafeVersion Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var core = version.Split('+')[0].Trim();
        return core switch
        {
            "1.3.0" => SafeVersion.V130,
            "1.4.1" => SafeVersion.V141,
            _ => throw new NotSupportedException(
                $"Safe version '{version}' is not supported; the worker supports 1.3.0 and 1.4.1."),
        };
    }

    public static string ToVersionString(this SafeVersion version) => version switch
    {
        SafeVersion.V130 => "1.3.0",
        SafeVersion.V141 => "1.4.1",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown Safe version."),
    };
}
