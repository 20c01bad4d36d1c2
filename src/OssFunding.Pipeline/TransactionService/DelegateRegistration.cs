using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Nethereum.Util;
using OssFunding.Core.Configuration;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>What became of a delegate registration: registered (and listed by the service) or refused before posting.</summary>
public sealed record DelegateOutcome(bool Registered, string Message, ServiceDelegate? Listed = null);

/// <summary>
/// Makes the worker's proposer (<see cref="ProposerKey"/>) a delegate of an owner for <c>Safe:Address</c> on the
/// Transaction Service, so the service accepts its proposals. The owner signs <see cref="TypedData"/> with their own
/// wallet; the worker never sees an owner key. The signature is checked here first (it must be the delegator's, over
/// this hour's or the last hour's payload) so a wrong one is explained before the service is asked.
/// </summary>
public sealed class DelegateRegistration(
    TransactionServiceClient client, ProposerKey proposer, IOptions<ChainOptions> chain, IOptions<SafeOptions> safe, TimeProvider clock)
{
    public const string DefaultLabel = "OssFunding.Worker proposer";

    public string Delegate => proposer.Address;

    public string Safe => safe.Value.Address;

    /// <summary>The payload for the current hour.</summary>
    public JsonObject TypedData() => DelegateTypedData.ToJsonObject(chain.Value.ChainId, Delegate, CurrentTotp);

    public async Task<DelegateOutcome> RegisterAsync(string delegator, string signature, string label, CancellationToken cancellationToken)
    {
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(delegator))
        {
            return new DelegateOutcome(false, $"--delegator '{delegator}' is not an address (0x + 40 hex digits).");
        }

        var owner = AddressUtil.Current.ConvertToChecksumAddress(delegator);
        var totp = CurrentTotp;
        var signed = new[] { totp, totp - 1 }.Any(t => string.Equals(
            DelegateTypedData.RecoverSigner(chain.Value.ChainId, Delegate, t, signature), owner, StringComparison.OrdinalIgnoreCase));
        if (!signed)
        {
            return new DelegateOutcome(false,
                $"The signature is not {owner}'s over the Delegate payload of this hour or the last (delegate {Delegate}, chain {chain.Value.ChainId}). "
                + "Print the payload again and sign it with that owner's wallet.");
        }

        await client.AddDelegateAsync(new DelegateRequest(Safe, Delegate, owner, signature, label), cancellationToken);
        var listed = (await client.GetDelegatesAsync(Safe, Delegate, cancellationToken))
            .FirstOrDefault(d => string.Equals(d.Delegator, owner, StringComparison.OrdinalIgnoreCase));
        return new DelegateOutcome(true, $"{Delegate} is a delegate of owner {owner} for Safe {Safe} (label '{label}'); its proposals are now accepted.", listed);
    }

    private long CurrentTotp => DelegateTypedData.Totp(clock.GetUtcNow());
}
