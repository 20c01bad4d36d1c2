using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OssFunding.Worker.Api;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Worker.Status;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>draft</c>, <c>status</c>, <c>tx list</c>, <c>tx show HASH</c> and <c>sign SAFE_TX_HASH --key-env VAR</c>: the
/// pipeline from the command line, through the same services as the API. Output goes to stdout, logs to stderr.
/// </summary>
internal static class PipelineCommands
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Same shape as the API: states as names, amounts as decimal strings (never JSON numbers).
        Converters = { new JsonStringEnumConverter(), new DecimalStringJsonConverter() },
    };

    public static void AddTo(RootCommand root)
    {
        var draft = new Command("draft", "Draft the next Safe transaction from the due allocations now, instead of waiting for Drafting:Schedule.");
        draft.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, DraftAsync, token));
        root.Subcommands.Add(draft);

        var status = new Command("status", "Show the Safe (nonce, owners, threshold, balances), budget use, transactions and the watcher's position.");
        status.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, StatusAsync, token));
        root.Subcommands.Add(status);

        var list = new Command("list", "List Safe transactions, newest nonce first.");
        list.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, ListAsync, token));
        var hash = new Argument<string>("SAFE_TX_HASH") { Description = "The SafeTx hash (0x + 64 hex digits)." };
        var show = new Command("show", "Show one Safe transaction as JSON: payments, signatures, missing owners, typed data.") { hash };
        show.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, (s, ct) => ShowAsync(s, parse.GetRequiredValue(hash), ct), token));
        root.Subcommands.Add(new Command("tx", "Safe transactions.") { list, show, CancelCommand.Build(), TypedDataCommand.Build() });

        var signHash = new Argument<string>("SAFE_TX_HASH") { Description = "The SafeTx hash to sign." };
        var keyEnv = new Option<string>("--key-env") { Description = "Name of the environment variable holding the owner's private key (hex).", Required = true };
        var sign = new Command("sign", "Sign a drafted transaction's typed data (EIP-712) with an owner key from the environment and submit the signature.") { signHash, keyEnv };
        sign.SetAction((parse, token) => CommandRunner.RunAsync(parse, true,
            (s, ct) => SignAsync(s, parse.GetRequiredValue(signHash), parse.GetRequiredValue(keyEnv), ct), token));
        root.Subcommands.Add(sign);
    }

    private static async Task<int> DraftAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        DraftOutcome outcome = await services.GetRequiredService<Drafter>().DraftAsync(cancellationToken);
        if (outcome.Transaction is { } tx)
        {
            Console.WriteLine($"drafted Safe tx {tx.SafeTxHash} at nonce {tx.Nonce} with {tx.Payments.Count} payment(s): {outcome.Reason}");
            return ExitCodes.Done;
        }

        Console.WriteLine($"nothing drafted ({outcome.Result}): {outcome.Reason}");
        return outcome.Result == DraftResult.LostRace ? ExitCodes.Failure : ExitCodes.Done;
    }

    private static async Task<int> StatusAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        WorkerStatus status = await services.GetRequiredService<StatusReport>().BuildAsync(cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(status, Json));
        return status.ChainError is null ? ExitCodes.Done : ExitCodes.Failure;
    }

    private static async Task<int> ListAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        IReadOnlyList<TransactionView> transactions = await services.GetRequiredService<TransactionQueries>().ListAsync(null, cancellationToken);
        Console.WriteLine($"{"nonce",6}  {"status",-18}  {"signatures",10}  {"payments",8}  safeTxHash");
        foreach (TransactionView tx in transactions)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tx.Nonce,6}  {tx.Status,-18}  {$"{tx.Signatures.Count}/{tx.Threshold}",10}  {tx.Payments.Count,8}  {tx.SafeTxHash}"));
        }

        Console.WriteLine($"{transactions.Count} transaction(s)");
        return ExitCodes.Done;
    }

    private static async Task<int> ShowAsync(IServiceProvider services, string safeTxHash, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        if (await services.GetRequiredService<TransactionQueries>().GetAsync(safeTxHash, cancellationToken) is not { } tx)
        {
            await Console.Error.WriteLineAsync($"No Safe transaction {safeTxHash} is known to this worker.");
            return ExitCodes.BadInput;
        }

        Console.WriteLine(JsonSerializer.Serialize(tx, Json));
        return ExitCodes.Done;
    }

    private static async Task<int> SignAsync(IServiceProvider services, string safeTxHash, string keyEnv, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(keyEnv) is not { Length: > 0 } key)
        {
            await Console.Error.WriteLineAsync($"--key-env: the environment variable {keyEnv} is not set.");
            return ExitCodes.BadInput;
        }

        string signer;
        try
        {
            signer = LocalSigner.AddressOf(key);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"--key-env {keyEnv}: {e.Message}");
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        Console.WriteLine($"signing {safeTxHash} as {signer}");
        SignatureOutcome outcome = await services.GetRequiredService<LocalSigner>().SignAndSubmitAsync(safeTxHash, key, cancellationToken);
        Console.WriteLine($"{(outcome.IsSuccess ? "ok" : "refused")} ({outcome.StatusCode}): {outcome.Message}");
        return outcome.IsSuccess ? ExitCodes.Done : ExitCodes.BadInput;
    }
}
