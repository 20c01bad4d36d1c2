using OssFunding.Worker.Cli;

// One executable: the hosted worker (no command, or `run`) and the CLI. See docs/cli.md.
return await WorkerCommandLine.InvokeAsync(args);
