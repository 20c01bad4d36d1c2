using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.TransactionService;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>delegate register [--out FILE] [--delegator ADDRESS --signature SIG] [--label TEXT]</c> (Signing:Mode=TransactionService):
/// makes the worker's proposer a delegate of an owner on the Transaction Service, so the service accepts its proposals.
/// Without a signature it prints the service's EIP-712 Delegate payload for the owner to sign with their own wallet
/// (valid this hour and the next); with one it checks that it is the delegator's and posts it to
/// <c>POST /api/v2/delegates/</c>. Exit 0 printed or registered, 1 refused (here or by the service), 2 service unreachable.
/// </summary>
internal static class DelegateCommand
{
    public static void AddTo(RootCommand root)
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the payload to sign to this file instead of stdout." };
        var delegator = new Option<string?>("--delegator") { Description = "The owner who signed (EIP-55 address)." };
        var signature = new Option<string?>("--signature") { Description = "The owner's signature of the payload (0x + 130 hex digits)." };
        var label = new Option<string>("--label") { Description = "Label shown by the service and Safe{Wallet} (at most 50 characters).", DefaultValueFactory = _ => DelegateRegistration.DefaultLabel };
        var register = new Command("register",
            "Register the worker's proposer as an owner's delegate on the Safe Transaction Service: without --signature, print the EIP-712 payload to sign; with it, post the registration.")
        {
            output, delegator, signature, label,
        };
        register.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, (services, ct) => parse.GetValue(signature) is { } signed
            ? RegisterAsync(services, parse.GetValue(delegator), signed, parse.GetRequiredValue(label), ct)
            : PrintAsync(services, parse.GetValue(output), ct), token));
        root.Subcommands.Add(new Command("delegate", "The worker's proposer as a delegate on the Safe Transaction Service (Signing:Mode=TransactionService).") { register });
    }

    private static async Task<int> PrintAsync(IServiceProvider services, FileInfo? output, CancellationToken cancellationToken)
    {
        if (await RefuseOutsideServiceModeAsync(services) is { } refused)
        {
            return refused;
        }

        var registration = services.GetRequiredService<DelegateRegistration>();
        if (await TypedDataOutput.WriteAsync(registration.TypedData(), output, cancellationToken) is not { } file)
        {
            return ExitCodes.Done;
        }

        Console.WriteLine($"wrote the Delegate payload for proposer {registration.Delegate} on Safe {registration.Safe} to {file} (valid this hour and the next)");
        Console.WriteLine($"sign it as an owner: cast wallet sign --data --from-file {file} --ledger");
        Console.WriteLine("then: delegate register --delegator 0xOWNER --signature 0x…");
        return ExitCodes.Done;
    }

    private static async Task<int> RegisterAsync(IServiceProvider services, string? delegator, string signature, string label, CancellationToken cancellationToken)
    {
        if (await RefuseOutsideServiceModeAsync(services) is { } refused)
        {
            return refused;
        }

        if (delegator is null)
        {
            await Console.Error.WriteLineAsync("--signature needs --delegator: the owner whose wallet signed.");
            return ExitCodes.BadInput;
        }

        DelegateOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<DelegateRegistration>().RegisterAsync(delegator, signature, label, cancellationToken);
        }
        catch (TransactionServiceException e) when (!e.IsTransient)
        {
            await Console.Error.WriteLineAsync($"refused: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (!outcome.Registered)
        {
            await Console.Error.WriteLineAsync($"refused: {outcome.Message}");
            return ExitCodes.BadInput;
        }

        Console.WriteLine($"registered: {outcome.Message}");
        return ExitCodes.Done;
    }

    private static async Task<int?> RefuseOutsideServiceModeAsync(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<SigningOptions>>().Value.Mode == SigningMode.TransactionService)
        {
            return null;
        }

        await Console.Error.WriteLineAsync("delegate register needs Signing:Mode=TransactionService (with Signing:BaseUrl and the proposer key).");
        return ExitCodes.BadInput;
    }
}
