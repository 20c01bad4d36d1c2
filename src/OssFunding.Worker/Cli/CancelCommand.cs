using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Cancellation;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>tx cancel SAFE_TX_HASH [--cancel-allocations]</c>: operator cancel (SPEC §5), the same service as
/// <c>POST /api/transactions/{h}/cancel</c>. Prints what happened and the transaction (or the rejection to sign) as JSON.
/// Exit 0 when cancelled or a rejection is drafted, 1 when refused (unknown, not cancellable), 2 when it changed meanwhile.
/// </summary>
internal static class CancelCommand
{
    public static Command Build()
    {
        var hash = new Argument<string>("SAFE_TX_HASH") { Description = "The SafeTx hash of the transaction to cancel." };
        var cancelAllocations = new Option<bool>("--cancel-allocations")
        {
            Description = "Cancel its allocations with it instead of returning them to Approved (when it ends Cancelled).",
        };
        var cancel = new Command("cancel",
            "Cancel a transaction: at once when no owner has seen or signed it, else by drafting the on-chain rejection at its nonce for the owners to sign.")
        {
            hash, cancelAllocations,
        };
        cancel.SetAction((parse, token) => CommandRunner.RunAsync(parse, true,
            (services, ct) => CancelAsync(services, parse.GetRequiredValue(hash), parse.GetValue(cancelAllocations), ct), token));
        return cancel;
    }

    private static async Task<int> CancelAsync(IServiceProvider services, string safeTxHash, bool cancelAllocations, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        CancelOutcome outcome = await services.GetRequiredService<OperatorCancel>().CancelAsync(safeTxHash, cancelAllocations, cancellationToken);
        if (!outcome.IsSuccess)
        {
            await Console.Error.WriteLineAsync($"refused ({outcome.Result}): {outcome.Message}");
            return outcome.Result == CancelResult.LostRace ? ExitCodes.Failure : ExitCodes.BadInput;
        }

        Console.WriteLine($"{outcome.Result}: {outcome.Message}");
        Console.WriteLine(JsonSerializer.Serialize(outcome.Rejection ?? outcome.Transaction, PipelineCommands.Json));
        return ExitCodes.Done;
    }
}
