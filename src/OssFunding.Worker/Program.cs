using OssFunding.Worker.Cli;

// One executable: the hosted worker (no command, or `run`) and the CLI. See docs/cli.md.
// CLI output shows hidden characters escaped (SPEC §14), whatever a command prints.
VisibleConsole.Install();
return await WorkerCommandLine.InvokeAsync(args);
