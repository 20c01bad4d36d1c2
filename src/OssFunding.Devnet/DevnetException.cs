namespace OssFunding.Devnet;

/// <summary>The local chain could not be started, reached or set up; the message says what to fix.</summary>
public sealed class DevnetException : Exception
{
    public DevnetException(string message)
        : base(message)
    {
    }

    public DevnetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DevnetException()
    {
    }
}
