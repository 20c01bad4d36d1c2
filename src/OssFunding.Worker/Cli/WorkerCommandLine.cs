using System.CommandLine;

namespace OssFunding.Worker.Cli;

/// <summary>
/// The command tree. Each capability adds its commands from its own file (<c>XxxCommands.AddTo(root)</c>).
/// </summary>
internal static class WorkerCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "OssFunding.Worker: drafts Safe multisig payments from approved allocations, tracks signatures, records confirmed payments. "
            + "Without a command it runs the worker. Any command accepts configuration overrides as --Section:Key=value.");
        RunCommand.AddTo(root);
        MigrateCommand.AddTo(root);
        ConfigCommands.AddTo(root);
        AllocationCommands.AddTo(root);
        ProjectCommands.AddTo(root);
        HealthcheckCommand.AddTo(root);
        PipelineCommands.AddTo(root);
        DelegateCommand.AddTo(root);
        ReportCommands.AddTo(root);
        PaymentCommands.AddTo(root);
        BackupCommand.AddTo(root);
        Demo.DemoCommand.AddTo(root);
        ConfigOverrides.AcceptOn(root);
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        try
        {
            return await Build().Parse(args).InvokeAsync(new InvocationConfiguration
            {
                // The host handles SIGTERM itself (finish the current step, then stop); the parser must not race it.
                ProcessTerminationTimeout = null,
                // Unexpected errors are exit code 2 (failure), not the parser's default of 1 (bad input).
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
