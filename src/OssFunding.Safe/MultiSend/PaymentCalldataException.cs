namespace OssFunding.Safe.MultiSend;

/// <summary>Why calldata was refused as a payment batch.</summary>
public enum PaymentCalldataError
{
    /// <summary>Bytes that do not follow the ABI / MultiSend layout (bad length, offset, padding).</summary>
    Malformed,

    /// <summary>A call that is not <c>transfer(address,uint256)</c>.</summary>
    NotTransfer,

    /// <summary>A call that sends ether along (payments move tokens only).</summary>
    NonZeroValue,

    /// <summary>A delegatecall anywhere but the outer call to MultiSendCallOnly.</summary>
    NestedDelegateCall,

    /// <summary>Bytes left over after the last complete entry or argument.</summary>
    TrailingBytes,

    /// <summary>A delegatecall to something other than the configured MultiSendCallOnly.</summary>
    WrongMultiSendAddress,

    /// <summary>A MultiSend with no transactions in it.</summary>
    Empty,
}

/// <summary>Calldata that is not exactly a batch of ERC-20 transfers; <see cref="Error"/> says which rule it broke.</summary>
public sealed class PaymentCalldataException : Exception
{
    public PaymentCalldataException(PaymentCalldataError error, string message)
        : base(message) => Error = error;

    public PaymentCalldataException()
    {
    }

    public PaymentCalldataException(string message)
        : base(message)
    {
    }

    public PaymentCalldataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PaymentCalldataError Error { get; } = PaymentCalldataError.Malformed;
}
