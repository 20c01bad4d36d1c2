using OssFunding.Core.Allocations;

namespace OssFunding.Worker.Cli;

/// <summary>Shared by the import commands: the input file, and how an outcome is shown and mapped to an exit code.</summary>
internal static class ImportReporting
{
    /// <summary>Opens the file, or prints why it cannot and returns null.</summary>
    public static FileStream? OpenInput(FileInfo file)
    {
        try
        {
            return file.OpenRead();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{file.FullName}: cannot be read: {e.Message}");
            return null;
        }
    }

    public static int Report(ImportOutcome outcome)
    {
        foreach (ImportError error in outcome.Errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        TextWriter summary = outcome.Succeeded ? Console.Out : Console.Error;
        summary.WriteLine(outcome.DryRun && outcome.Succeeded ? $"dry run, nothing written: {outcome.Message}" : outcome.Message);
        return outcome.Succeeded ? ExitCodes.Done : ExitCodes.BadInput;
    }
}
