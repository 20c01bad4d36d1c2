namespace OssFunding.Safe.Signatures;

/// <summary>
/// A refused signature. <see cref="Rejection"/> is the machine-readable reason (an API maps Malformed to 400,
/// WrongHash and NotAnOwner to 403); the message names the owner, index and figures involved.
/// </summary>
public sealed class SafeSignatureException : Exception
{
    public SafeSignatureException(SignatureRejection rejection, string message, string? owner = null, int? signatureIndex = null)
        : base(signatureIndex is null ? message : $"Signature {signatureIndex}: {message}")
    {
        Rejection = rejection;
        Owner = owner;
        SignatureIndex = signatureIndex;
    }

    public SafeSignatureException()
    {
    }

    public SafeSignatureException(string message)
        : base(message)
    {
    }

    public SafeSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SignatureRejection Rejection { get; } = SignatureRejection.Malformed;

    /// <summary>The address the error is about (recovered signer, duplicate owner, ...), when there is one.</summary>
    public string? Owner { get; }

    /// <summary>Position in a packed signature set, when the error comes from one.</summary>
    public int? SignatureIndex { get; }

    internal static SafeSignatureException Malformed(string message, int? index = null) =>
        new(SignatureRejection.Malformed, message, null, index);
}
