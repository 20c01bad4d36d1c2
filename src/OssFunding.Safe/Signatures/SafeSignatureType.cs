namespace OssFunding.Safe.Signatures;

/// <summary>The four signature kinds the Safe's <c>checkSignatures</c> accepts, told apart by v.</summary>
public enum SafeSignatureType
{
    /// <summary>v = 0: contract owner; r = owner, s = offset of its EIP-1271 signature data.</summary>
    Eip1271,

    /// <summary>v = 1: r = owner who called <c>approveHash</c> on chain (or who executes the transaction).</summary>
    ApprovedHash,

    /// <summary>v = 27/28: ECDSA over the EIP-712 SafeTx hash (eth_signTypedData_v4).</summary>
    Eip712,

    /// <summary>v = 31/32: ECDSA over the EIP-191 prefixed SafeTx hash (eth_sign / personal_sign), v + 4.</summary>
    EthSign,
}
