using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Signatures;

/// <summary>The two chain reads signature verification needs (approved hashes and EIP-1271 owners).</summary>
public interface ISafeSignatureChainReader
{
    /// <summary>True when <c>approvedHashes(owner, hash)</c> on the Safe is non-zero.</summary>
    Task<bool> IsHashApprovedAsync(string safe, string owner, byte[] hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the contract owner, called by <paramref name="caller"/> (the Safe) the way a Safe of
    /// <paramref name="version"/> calls it, returns that call's magic value: on 1.3.0/1.4.1 the legacy
    /// <c>isValidSignature(bytes data, bytes signature)</c> → 0x20c13b0b, on 1.5.0 <c>isValidSignature(bytes32 hash,
    /// bytes signature)</c> → 0x1626ba7e. <paramref name="message"/> is what the Safe passes
    /// (<see cref="Eip712.SafeTxHashes.ContractOwnerMessage"/>). A revert or no code is false.
    /// </summary>
    Task<bool> IsValidContractSignatureAsync(
        string contractOwner, SafeVersion version, byte[] message, byte[] signature, string caller,
        CancellationToken cancellationToken = default);
}
