namespace OssFunding.Safe.Signatures;

/// <summary>Why a signature (or a packed set) was refused.</summary>
public enum SignatureRejection
{
    /// <summary>Bytes that are not a signature: bad length, bad v, bad offset, r/s out of range.</summary>
    Malformed,

    /// <summary>The signer (recovered or named in r) is not an owner of the Safe.</summary>
    NotAnOwner,

    /// <summary>The signature is for another hash: another message, wrong signing method, hash not approved, EIP-1271 refusal.</summary>
    WrongHash,

    /// <summary>The same owner signed twice.</summary>
    DuplicateOwner,

    /// <summary>Packed signatures are not in ascending owner order, as the Safe requires.</summary>
    OutOfOrder,

    /// <summary>Fewer valid owner signatures than the threshold.</summary>
    ThresholdNotMet,
}
