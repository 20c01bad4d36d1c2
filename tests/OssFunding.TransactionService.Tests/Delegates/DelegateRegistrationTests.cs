using System.Net;
using Microsoft.Extensions.Options;
using Nethereum.Signer.EIP712;
using OssFunding.Core.Configuration;
using OssFunding.Devnet;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Delegates;

/// <summary>
/// Registering the worker's proposer as a delegate (issue 11 item 5): an owner signs the service's EIP-712 Delegate
/// payload with their own key, <see cref="DelegateRegistration"/> checks and posts it to the fake's
/// <c>POST /api/v2/delegates/</c>, which validates as the service does; afterwards the fake accepts the proposer's
/// proposals. The fake's refusals (400) are checked over raw HTTP, as any client would meet them.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DelegateRegistrationTests(DevnetWorlds devnet)
{
    [Fact]
    public async Task An_owners_signature_registers_the_proposer_and_its_proposals_are_then_accepted()
    {
        await using var harness = await ServiceHarness.StartAsync(devnet, SafeVersion.V141, registerDelegate: false);
        await harness.ImportAsync(Samples.June);
        var drafted = await harness.DraftAsync();
        await harness.Sync.RunAsync(CancellationToken.None);
        Assert.False(harness.Fake.Knows(drafted.SafeTxHash)); // refused: the proposer is nobody's delegate yet

        var registration = Registration(harness);
        var owner = harness.World.Owners[1];
        var signature = new Eip712TypedDataSigner().SignTypedDataV4(registration.TypedData().ToJsonString(), owner.Key);
        var outcome = await registration.RegisterAsync(owner.Address, signature, DelegateRegistration.DefaultLabel, CancellationToken.None);

        Assert.True(outcome.Registered, outcome.Message);
        Assert.Equal((owner.Address, ServiceHarness.Proposer.Address, DelegateRegistration.DefaultLabel),
            (outcome.Listed?.Delegator, outcome.Listed?.Delegate, outcome.Listed?.Label));
        await harness.Sync.RunAsync(CancellationToken.None);
        Assert.Equal(ServiceHarness.Proposer.Address, harness.Fake.Describe(drafted.SafeTxHash)?.ProposedByDelegate);
        Assert.Equal(owner.Address, harness.Fake.Describe(drafted.SafeTxHash)?.Proposer);
    }

    [Fact]
    public async Task A_signature_that_is_not_the_delegators_is_explained_before_anything_is_posted()
    {
        await using var harness = await ServiceHarness.StartAsync(devnet, SafeVersion.V141, registerDelegate: false);
        var registration = Registration(harness);
        var signature = new Eip712TypedDataSigner().SignTypedDataV4(registration.TypedData().ToJsonString(), harness.World.Owners[2].Key);

        var outcome = await registration.RegisterAsync(harness.World.Owners[1].Address, signature, "x", CancellationToken.None);

        Assert.False(outcome.Registered);
        Assert.Contains($"is not {harness.World.Owners[1].Address}'s over the Delegate payload", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Fake.Requests);
    }

    [Fact]
    public async Task The_fake_validates_a_delegate_as_the_service_does()
    {
        await using var harness = await ServiceHarness.StartAsync(devnet, SafeVersion.V141, registerDelegate: false);
        using var calls = new ServiceCalls(harness.Fake.BaseUrl, ServiceHarness.ApiKey);
        var (safe, proposer, owner) = (harness.World.SafeAddress, ServiceHarness.Proposer.Address, harness.World.Owners[0]);
        var outsider = DevnetAccount.FromLabel("not-an-owner");
        var hour = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600;
        string Sign(DevnetAccount signer, long totp) =>
            new Eip712TypedDataSigner().SignTypedDataV4(DelegateTypedData.ToJsonObject(devnet.Chain.ChainId, proposer, totp).ToJsonString(), signer.Key);
        object Body(string delegator, string signature, string? label = "ci") => new { safe, @delegate = proposer, delegator, signature, label };

        await AssertRefusedAsync(calls, Body(outsider.Address, Sign(outsider, hour)), $"Provided delegator={outsider.Address} is not an owner of Safe={safe}");
        await AssertRefusedAsync(calls, Body(owner.Address, Sign(harness.World.Owners[1], hour)), $"Signature does not match provided delegator={owner.Address}");
        await AssertRefusedAsync(calls, Body(owner.Address, Sign(owner, hour - 2)), $"Signature does not match provided delegator={owner.Address}");
        var (missingLabel, labelBody) = await calls.AddDelegateAsync(Body(owner.Address, Sign(owner, hour), label: null));
        Assert.Equal(HttpStatusCode.BadRequest, missingLabel);
        Assert.Equal("This field is required.", labelBody!["label"]![0]!.GetValue<string>());
        var (unchecksummed, _) = await calls.AddDelegateAsync(Body(owner.Address.ToLowerInvariant(), Sign(owner, hour)));
        Assert.Equal(HttpStatusCode.BadRequest, unchecksummed);
        Assert.Empty(harness.Fake.Delegates);

        var (previousHour, _) = await calls.AddDelegateAsync(Body(owner.Address, Sign(owner, hour - 1)));
        Assert.Equal(HttpStatusCode.Created, previousHour);
        var (listed, page) = await calls.GetAsync($"api/v2/delegates/?delegate={proposer}");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(owner.Address, page!["results"]![0]!["delegator"]!.GetValue<string>());
        var (unfiltered, _) = await calls.GetAsync("api/v2/delegates/");
        Assert.Equal(HttpStatusCode.BadRequest, unfiltered);
    }

    private static async Task AssertRefusedAsync(ServiceCalls calls, object body, string reason)
    {
        var (status, answer) = await calls.AddDelegateAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reason, answer!["nonFieldErrors"]![0]!.GetValue<string>());
    }

    /// <summary>On the system clock: the fake checks totp against real time (the harness's pipeline clock is fixed in 2025).</summary>
    private static DelegateRegistration Registration(ServiceHarness harness) => new(
        harness.Get<TransactionServiceClient>(), harness.Get<ProposerKey>(), harness.Get<IOptions<ChainOptions>>(), harness.Get<IOptions<SafeOptions>>(),
        TimeProvider.System);
}
