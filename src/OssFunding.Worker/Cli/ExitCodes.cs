namespace OssFunding.Worker.Cli;

/// <summary>Process exit codes of every command (SPEC §8).</summary>
internal static class ExitCodes
{
    public const int Done = 0;

    /// <summary>Bad input: arguments, configuration, or a file that was refused. Nothing was changed.</summary>
    public const int BadInput = 1;

    /// <summary>The command could not do its work (database unreachable, unexpected error).</summary>
    public const int Failure = 2;
}
