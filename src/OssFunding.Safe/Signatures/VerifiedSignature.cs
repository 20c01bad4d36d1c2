namespace OssFunding.Safe.Signatures;

/// <summary>A signature checked against a SafeTx hash and the owner set: who signed, and how.</summary>
public sealed record VerifiedSignature(string Owner, SafeSignatureType Type, SafeSignature Signature);
