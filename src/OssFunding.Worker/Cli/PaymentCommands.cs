using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;
using OssFunding.Reports.OffChain;

namespace OssFunding.Worker.Cli;

/// <summary><c>payments record-offchain --allocation ID --reference REF --evidence URL [--date YYYY-MM-DD]</c>.</summary>
internal static class PaymentCommands
{
    public static void AddTo(RootCommand root)
    {
        var allocation = new Option<string>("--allocation") { Description = "Id of the Approved allocation that was paid.", Required = true };
        var reference = new Option<string>("--reference") { Description = "The payment's reference (e.g. the bank transfer reference).", Required = true };
        var evidence = new Option<string>("--evidence") { Description = "Public http(s) link to the evidence.", Required = true };
        var date = new Option<string?>("--date") { Description = "Day it was paid, YYYY-MM-DD (UTC); today by default." };
        var record = new Command("record-offchain", "Record that an approved allocation was paid off chain; it then counts as paid and is never drafted.")
            { allocation, reference, evidence, date };
        record.SetAction((parse, token) => CommandRunner.RunAsync(parse, false, (services, ct) => RecordAsync(services,
            new OffChainPaymentRequest(parse.GetRequiredValue(allocation), parse.GetRequiredValue(reference), parse.GetRequiredValue(evidence),
                parse.GetValue(date)), ct), token));
        root.Subcommands.Add(new Command("payments", "Payments recorded outside the chain.") { record });
    }

    private static async Task<int> RecordAsync(IServiceProvider services, OffChainPaymentRequest request, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        var outcome = await services.GetRequiredService<OffChainPayments>().RecordAsync(request, cancellationToken);
        if (outcome.Result == OffChainResult.Recorded)
        {
            Console.WriteLine(outcome.Message);
            return ExitCodes.Done;
        }

        await Console.Error.WriteLineAsync($"error: {outcome.Message}");
        return ExitCodes.BadInput;
    }
}
