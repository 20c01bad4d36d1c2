using System.CommandLine;
using System.Diagnostics;

using OssFunding.Worker.Cli;

namespace OssFunding.Worker.Demo;

/// <summary>
/// <c>demo</c>: the whole pipeline on a local chain in about a minute, from a fresh clone (SPEC §8). Starts anvil from
/// devnet/ with the real Safe contracts of the current release (1.5.0), a 3-of-5 Safe and two tokens; runs the real worker (the same server and
/// Quartz jobs as <c>run</c>) in-process on a loopback port; imports the samples, drafts, signs with three owner keys
/// through the signer's API, lets the executor execute, waits for finality and prints a summary. Leaves nothing running.
/// </summary>
internal static class DemoCommand
{
    public static void AddTo(RootCommand root)
    {
        var keep = new Option<bool>("--keep-data") { Description = "Keep the demo's temporary folder (ledger, settings) instead of deleting it." };
        var demo = new Command("demo", "Run the whole pipeline on a local anvil chain: samples → draft → 3 signatures → execution → confirmed payments.") { keep };
        demo.SetAction(async (parseResult, cancellationToken) =>
        {
            if (CommandRunner.ReadOverrides(parseResult) is not { } overrides)
            {
                return ExitCodes.BadInput;
            }

            var watch = Stopwatch.StartNew();
            try
            {
                var code = await DemoRun.RunAsync(overrides, parseResult.GetValue(keep), cancellationToken);
                Console.WriteLine($"demo finished in {watch.Elapsed.TotalSeconds:F1} s");
                return code;
            }
            catch (DemoException e)
            {
                await Console.Error.WriteLineAsync($"demo failed: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        root.Subcommands.Add(demo);
    }
}
