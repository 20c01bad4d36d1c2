using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>tx typed-data SAFE_TX_HASH [--out FILE]</c>: the <c>eth_signTypedData_v4</c> JSON the ledger holds for a
/// transaction, for owners who sign with their own tools (Foundry's <c>cast wallet sign --data --from-file FILE</c>,
/// with <c>--ledger</c> for a hardware wallet). Without <c>--out</c> the JSON alone goes to stdout so it can be piped.
/// Exit 0 written, 1 unknown transaction.
/// </summary>
internal static class TypedDataCommand
{
    public static Command Build()
    {
        var hash = new Argument<string>("SAFE_TX_HASH") { Description = "The SafeTx hash of the transaction to sign." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the JSON to this file instead of stdout." };
        var command = new Command("typed-data",
            "Write a transaction's EIP-712 typed data (eth_signTypedData_v4 JSON) for signing with your own wallet, e.g. cast wallet sign --data --from-file FILE --ledger.")
        {
            hash, output,
        };
        command.SetAction((parse, token) => CommandRunner.RunAsync(parse, true,
            (services, ct) => WriteAsync(services, parse.GetRequiredValue(hash), parse.GetValue(output), ct), token));
        return command;
    }

    private static async Task<int> WriteAsync(IServiceProvider services, string safeTxHash, FileInfo? output, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        if (await services.GetRequiredService<TransactionQueries>().GetAsync(safeTxHash, cancellationToken) is not { } tx)
        {
            await Console.Error.WriteLineAsync($"No Safe transaction {safeTxHash} is known to this worker.");
            return ExitCodes.BadInput;
        }

        if (!TransactionStatuses.Collecting.Contains(tx.Status))
        {
            // Still written (an owner may want to check what was signed), but a signature over it would get 409 now.
            await Console.Error.WriteLineAsync($"warning: {tx.SafeTxHash} is {tx.Status}, not collecting signatures; a signature posted now is refused.");
        }

        if (await TypedDataOutput.WriteAsync(tx.TypedData, output, cancellationToken) is not { } file)
        {
            return ExitCodes.Done;
        }

        Console.WriteLine($"wrote the typed data of Safe tx {tx.SafeTxHash} (nonce {tx.Nonce}, {tx.Signatures.Count}/{tx.Threshold} signatures) to {file}");
        Console.WriteLine($"sign it: cast wallet sign --data --from-file {file} --ledger");
        Console.WriteLine($"post it: curl -X POST -H 'Content-Type: application/json' -d '{{\"signature\":\"0x…\"}}' <worker>/api/transactions/{tx.SafeTxHash}/signatures");
        return ExitCodes.Done;
    }
}
