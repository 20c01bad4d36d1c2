using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Signing;

/// <summary>
/// Every outcome of posting a signature (SPEC §7 status codes), each with a message naming what is wrong. The calldata
/// check is SPEC §2 invariant 5 (what signers sign is what the ledger says).
/// </summary>
public sealed class SignatureOutcomeTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task Refusals_name_the_problem_and_store_nothing()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await pipeline.ImportAsync(Samples.Month);
        var tx = await pipeline.DraftAsync();
        var owner = pipeline.World.Owners[0];

        await AssertRefusedAsync(pipeline, "0x1234", "0x00", SignatureResult.Malformed, 400, "is not a SafeTx hash");
        await AssertRefusedAsync(pipeline, tx.SafeTxHash, "not hex", SignatureResult.Malformed, 400, "0x followed by an even number");
        await AssertRefusedAsync(pipeline, tx.SafeTxHash, "0x" + new string('a', 128), SignatureResult.Malformed, 400, "at least 65 bytes");
        var badV = new byte[65];
        badV[64] = 7;
        await AssertRefusedAsync(pipeline, tx.SafeTxHash, badV.ToHex(true), SignatureResult.Malformed, 400, "v = 7");
        await AssertRefusedAsync(pipeline, "0x" + new string('b', 64), PipelineHarness.EthSign(owner, tx.SafeTxHash),
            SignatureResult.UnknownTx, 404, "No Safe transaction");

        // eth_sign bytes presented as EIP-712 (v 27/28): the owner is recognized, the hash is not the one signed.
        var ethSignAsTyped = PipelineHarness.EthSign(owner, tx.SafeTxHash).HexToByteArray();
        ethSignAsTyped[64] -= 4;
        await AssertRefusedAsync(pipeline, tx.SafeTxHash, ethSignAsTyped.ToHex(true), SignatureResult.WrongHash, 403, "different hash");
        // An approved-hash signature (v = 1) for an owner who never called approveHash.
        await AssertRefusedAsync(pipeline, tx.SafeTxHash, SafeSignature.ApprovedHash(owner.Address).ToHex(),
            SignatureResult.WrongHash, 403, "has not approved");

        var stranger = EthECKey.GenerateKey();
        var strangerSignature = new MessageSigner().Sign(tx.SafeTxHash.HexToByteArray(), stranger);
        await AssertRefusedAsync(pipeline, tx.SafeTxHash, strangerSignature, SignatureResult.NotOwner, 403, "not an owner");

        Assert.Empty((await pipeline.ViewAsync(tx.SafeTxHash)).Signatures);
        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM transaction_signatures"));
    }

    [Fact]
    public async Task A_transaction_that_is_no_longer_collecting_refuses_signatures_with_409()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V130);
        await pipeline.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "10"));
        var tx = await pipeline.DraftAsync();
        Assert.Equal(0, tx.Operation); // one payment: a direct transfer call
        foreach (var owner in pipeline.World.Owners.Take(3))
        {
            Assert.Equal(SignatureResult.Created,
                (await pipeline.Signer.SignAndSubmitAsync(tx.SafeTxHash, owner.PrivateKey, CancellationToken.None)).Result);
        }

        await pipeline.ExecuteAsOutsiderAsync(tx.SafeTxHash);
        await pipeline.SyncAsync();

        var late = await pipeline.Signer.SignAndSubmitAsync(tx.SafeTxHash, pipeline.World.Owners[3].PrivateKey, CancellationToken.None);
        Assert.Equal((SignatureResult.NotCollecting, 409), (late.Result, late.StatusCode));
        Assert.Contains("is Executed", late.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await pipeline.ViewAsync(tx.SafeTxHash)).Signatures.Count);
    }

    [Theory]
    [MemberData(nameof(StoredTransactionTampering.Fields), MemberType = typeof(StoredTransactionTampering))]
    public async Task Calldata_that_no_longer_matches_the_allocations_refuses_signatures_and_alerts_once(string tamperedField)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await pipeline.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "1"));
        var tx = await pipeline.DraftAsync();
        await pipeline.ExecuteSqlAsync(StoredTransactionTampering.Sql(tamperedField));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var outcome = await pipeline.Signer.SignAndSubmitAsync(tx.SafeTxHash, pipeline.World.Owners[0].PrivateKey, CancellationToken.None);
            Assert.Equal((SignatureResult.LedgerMismatch, 409), (outcome.Result, outcome.StatusCode));
            Assert.Contains("refused", outcome.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await pipeline.CountAsync("SELECT COUNT(*) FROM transaction_signatures"));
        var alerts = await pipeline.Notices.ListAsync(true, tx.SafeTxHash, 10, CancellationToken.None);
        Assert.Equal(NoticeKind.CalldataMismatch, Assert.Single(alerts).Kind);
    }

    [Fact]
    public async Task The_high_s_twin_of_an_owner_signature_is_stored_low_s_and_counts_once()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141);
        await pipeline.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "1"));
        var tx = await pipeline.DraftAsync();
        var owner = pipeline.World.Owners[0];
        var low = PipelineHarness.EthSign(owner, tx.SafeTxHash);
        var twin = SafeSignature.Ecdsa(low.HexToByteArray()).MalleatedTwin().ToHex();

        var first = await pipeline.Collector.AddAsync(tx.SafeTxHash, twin, CancellationToken.None);
        var again = await pipeline.Collector.AddAsync(tx.SafeTxHash, low, CancellationToken.None);

        Assert.Equal((SignatureResult.Created, SignatureResult.AlreadyPresent), (first.Result, again.Result));
        var stored = Assert.Single((await pipeline.ViewAsync(tx.SafeTxHash)).Signatures);
        Assert.Equal((owner.Address, low), (stored.Owner, stored.Signature));
    }

    private static async Task AssertRefusedAsync(
        PipelineHarness pipeline, string safeTxHash, string signature, SignatureResult result, int status, string messagePart)
    {
        var outcome = await pipeline.Collector.AddAsync(safeTxHash, signature, CancellationToken.None);
        Assert.Equal((result, status), (outcome.Result, outcome.StatusCode));
        Assert.Contains(messagePart, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(TransactionStatus.AwaitingSignatures, (await pipeline.Queries.ListAsync(null, CancellationToken.None))[0].Status);
    }
}
