using System.Net;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>
/// Signing:Mode=TransactionService end to end: draft → proposed by the delegate → owners confirm in the service →
/// polled and verified locally → ReadyToExecute → executed by an outside account → Executed → Confirmed and Paid.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class TransactionServiceFlowTests(DevnetWorlds devnet)
{
    [Fact]
    public async Task Confirmations_arriving_through_the_service_are_verified_and_the_payment_is_confirmed_from_the_chain()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141);
        await RunFlowAsync(worker);
    }

    internal static async Task RunFlowAsync(ServiceHarness worker)
    {
        var world = worker.World;
        using var wallet = new ServiceCalls(worker.Fake.BaseUrl, ServiceHarness.ApiKey);
        await worker.ImportAsync(Samples.June);

        var draft = await worker.DraftAsync();
        Assert.Equal((TransactionStatus.Drafted, 0L), (draft.Status, draft.Nonce));
        Assert.False(worker.Fake.Knows(draft.SafeTxHash));

        var proposing = await worker.Sync.RunAsync(CancellationToken.None);
        Assert.True(new ServiceSyncRun(1, 0, 0) == proposing, string.Join("\n", worker.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning)));
        Assert.Equal(TransactionStatus.AwaitingSignatures, (await worker.ViewAsync(draft.SafeTxHash)).Status);
        Assert.Equal((world.Owners[0].Address, ServiceHarness.Proposer.Address, ServiceProposer.Origin, true), worker.Fake.Describe(draft.SafeTxHash));
        Assert.Empty(worker.Fake.ConfirmationsOf(draft.SafeTxHash)); // a delegate's signature is no confirmation
        Assert.Equal(1, await worker.CountAsync("SELECT COUNT(*) FROM service_proposals"));
        Assert.Equal(new ServiceSyncRun(0, 0, 0), await worker.Sync.RunAsync(CancellationToken.None)); // nothing proposed twice

        // Two owners confirm in the service (typed data and eth_sign); a forged entry for owner 4 is listed too: a
        // valid signature by a stranger, which the service should never have accepted.
        Assert.Equal(HttpStatusCode.Created,
            (await wallet.ConfirmAsync(draft.SafeTxHash, Owners.SignTypedData(world.Owners[0], draft.TypedData.ToJsonString()))).Status);
        Assert.Equal(HttpStatusCode.Created, (await wallet.ConfirmAsync(draft.SafeTxHash, Owners.EthSign(world.Owners[1], draft.SafeTxHash))).Status);
        var stranger = Nethereum.Signer.EthECKey.GenerateKey();
        var forged = new Nethereum.Signer.MessageSigner().Sign(draft.SafeTxHash.HexToByteArray(), stranger);
        worker.Fake.InjectConfirmation(draft.SafeTxHash, world.Owners[3].Address, forged, "EOA");

        Assert.Equal(new ServiceSyncRun(0, 0, 2), await worker.Sync.RunAsync(CancellationToken.None));
        var two = await worker.ViewAsync(draft.SafeTxHash);
        Assert.Equal(TransactionStatus.AwaitingSignatures, two.Status);
        Assert.Equal(new[] { world.Owners[0].Address, world.Owners[1].Address }.Order(StringComparer.Ordinal),
            two.Signatures.Select(s => s.Owner).Order(StringComparer.Ordinal));
        Assert.All(two.Signatures, s => Assert.Equal("service", s.Source));
        Assert.Contains(world.Owners[3].Address, two.MissingOwners);
        Assert.Equal(new ServiceSyncRun(0, 0, 0), await worker.Sync.RunAsync(CancellationToken.None)); // the forged one stays out

        Assert.Equal(HttpStatusCode.Created,
            (await wallet.ConfirmAsync(draft.SafeTxHash, Owners.SignTypedData(world.Owners[2], draft.TypedData.ToJsonString()))).Status);
        Assert.Equal(new ServiceSyncRun(0, 0, 1), await worker.Sync.RunAsync(CancellationToken.None));
        var ready = await worker.ViewAsync(draft.SafeTxHash);
        Assert.Equal(TransactionStatus.ReadyToExecute, ready.Status);
        Assert.Equal(["Eip712", "Eip712", "EthSign"], ready.Signatures.Select(s => s.Type).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ready.Signatures, s => s.Owner == world.Owners[3].Address);

        // A fourth owner signs through the worker's own API: forwarded to the service so Safe{Wallet} shows it.
        var local = await worker.Get<LocalSigner>().SignAndSubmitAsync(draft.SafeTxHash, world.Owners[4].PrivateKey, CancellationToken.None);
        Assert.Equal(SignatureResult.Created, local.Result);
        Assert.Equal(new ServiceSyncRun(0, 1, 0), await worker.Sync.RunAsync(CancellationToken.None));
        Assert.Contains(worker.Fake.ConfirmationsOf(draft.SafeTxHash), c => c.Owner == world.Owners[4].Address && c.SignatureType == "EOA");
        Assert.Equal(new ServiceSyncRun(0, 0, 0), await worker.Sync.RunAsync(CancellationToken.None)); // delivered once

        var receipt = await worker.ExecuteAsOutsiderAsync(draft.SafeTxHash);
        await worker.SyncChainAsync();
        Assert.Equal(TransactionStatus.Executed, (await worker.ViewAsync(draft.SafeTxHash)).Status);
        await worker.MineAsync(ServiceHarness.Confirmations);
        var final = await worker.SyncChainAsync();
        Assert.Equal((1, 2), (final.Confirmed, final.PaymentsRecorded));
        var confirmed = await worker.ViewAsync(draft.SafeTxHash);
        Assert.Equal((TransactionStatus.Confirmed, receipt.TransactionHash.ToLowerInvariant()), (confirmed.Status, confirmed.ExecutionTxHash));
        Assert.Equal(["2025-06-ffmpeg=Paid", "2025-06-pydantic=Paid"], await worker.AllocationStatusesAsync());

        // The service now reports it executed: it leaves the queue, and late confirmations are refused there.
        var (_, queue) = await wallet.GetAsync($"api/v2/safes/{world.SafeAddress}/multisig-transactions/?executed=false");
        Assert.Equal(0, queue!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await wallet.ConfirmAsync(draft.SafeTxHash, Owners.EthSign(world.Owners[3], draft.SafeTxHash))).Status);
    }

    [Fact]
    public async Task A_signature_posted_to_the_worker_while_the_service_is_down_is_forwarded_once_it_is_back()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V130);
        await worker.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "10"));
        var draft = await worker.DraftAsync();
        Assert.Equal(1, (await worker.Sync.RunAsync(CancellationToken.None)).Proposed);

        await worker.Fake.StopAsync();
        var owner = worker.World.Owners[1];
        Assert.Equal(SignatureResult.Created,
            (await worker.Get<LocalSigner>().SignAndSubmitAsync(draft.SafeTxHash, owner.PrivateKey, CancellationToken.None)).Result);
        var down = await Assert.ThrowsAsync<TransactionServiceException>(() => worker.Sync.RunAsync(CancellationToken.None));
        Assert.Equal(ServiceFailure.Unavailable, down.Failure);
        Assert.Equal(0, await worker.CountAsync("SELECT COUNT(*) FROM service_confirmation_deliveries"));

        await worker.Fake.RestartAsync();
        Assert.Equal(new ServiceSyncRun(0, 1, 0), await worker.Sync.RunAsync(CancellationToken.None));
        Assert.Equal([owner.Address], worker.Fake.ConfirmationsOf(draft.SafeTxHash).Select(c => c.Owner));
        Assert.Equal(1, await worker.CountAsync("SELECT COUNT(*) FROM service_confirmation_deliveries WHERE outcome = 'Delivered'"));
    }
}
