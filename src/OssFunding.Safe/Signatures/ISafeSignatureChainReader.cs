namespace OssFunding.Safe.Signatures;

/// <summary>The two chain reads signature verification needs (approved hashes and EIP-1271 owners).</summary>
public interface ISafeSignatureChainReader
{
    /// <summary>True when <c>approvedHashes(owner, hash)</c> on the Safe is non-zero.</summary>
    Task<bool> IsHashApprovedAsync(string safe, string owner, byte[] hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the contract owner's legacy <c>isValidSignature(bytes data, bytes signature)</c>, called by
    /// <paramref name="caller"/> (the Safe), returns the magic value 0x20c13b0b; a revert or no code is false.
    /// </summary>
    Task<bool> IsValidContractSignatureAsync(
        string contractOwner, byte[] data, byte[] signature, string caller, CancellationToken cancellationToken = default);
}
