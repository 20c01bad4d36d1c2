using System.Net;
using Dapper;
using OssFunding.Core.Allocations;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>SPEC §5: nonce = max(on-chain, own live drafts + 1, Transaction Service queue + 1).</summary>
[Collection(DevnetCollection.Name)]
public sealed class QueueNonceTests(DevnetWorlds devnet)
{
    [Fact]
    public async Task A_transaction_someone_else_queued_in_the_service_keeps_its_nonce()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V130);
        var world = worker.World;
        using var wallet = new ServiceCalls(worker.Fake.BaseUrl, ServiceHarness.ApiKey);
        // An owner queued two transactions in Safe{Wallet} at nonces 0 and 1.
        foreach (var nonce in new[] { 0, 1 })
        {
            var foreign = Proposals.Call(nonce, Samples.Pydantic);
            var hash = Proposals.HashFor(world, foreign);
            var owner = world.Owners[2];
            Assert.Equal(HttpStatusCode.Created,
                (await wallet.ProposeAsync(world.SafeAddress, Proposals.Body(foreign, hash, owner.Address, Owners.EthSign(owner, hash)))).Status);
        }

        await worker.ImportAsync(Samples.June);
        var draft = await worker.DraftAsync();
        Assert.Equal((2L, TransactionStatus.Drafted), (draft.Nonce, draft.Status));
        Assert.Equal(1, (await worker.Sync.RunAsync(CancellationToken.None)).Proposed);

        // Our own queued proposal is not counted as someone else's: once the operator cancels it in the ledger (no
        // cancel command exists yet, so SQL stands in), a new draft without one of its payments takes nonce 2 again.
        await using (var connection = await worker.Get<LedgerDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE safe_transactions SET status = 'Cancelled' WHERE safe_tx_hash = @hash", new { hash = draft.SafeTxHash });
            await connection.ExecuteAsync("UPDATE transaction_allocations SET tx_status = 'Cancelled' WHERE safe_tx_hash = @hash", new { hash = draft.SafeTxHash });
            await connection.ExecuteAsync("UPDATE allocations SET status = 'Approved' WHERE status = 'Queued'");
        }

        Assert.Equal(CancelResult.Cancelled, await worker.Get<IAllocationStore>().CancelAsync("2025-06-pydantic", "paid off-chain", CancellationToken.None));
        var redraft = await worker.DraftAsync();
        Assert.Equal((2L, 1), (redraft.Nonce, redraft.Payments.Count));
    }
}
