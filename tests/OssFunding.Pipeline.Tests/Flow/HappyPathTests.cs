using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Flow;

/// <summary>Allocations → draft → three signatures of mixed types → executed by an outside account → Confirmed and Paid.</summary>
public sealed class HappyPathTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task A_month_of_allocations_is_drafted_signed_executed_and_recorded_paid_from_final_transfer_logs(SafeVersion version)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, version);
        await RunMonthAsync(pipeline);
    }

    /// <summary>The whole flow for <see cref="Samples.Month"/>; also run on PostgreSQL by <see cref="PostgresFlowTests"/>.</summary>
    internal static async Task RunMonthAsync(PipelineHarness pipeline)
    {
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.Month);
        var safeLptBefore = await pipeline.BalanceAsync(world.Lpt.Address, world.SafeAddress);

        var draft = await pipeline.DraftAsync();
        Assert.Equal(TransactionStatus.AwaitingSignatures, draft.Status);
        Assert.Equal(0, draft.Nonce);
        Assert.Equal(1, draft.Operation); // several payments: MultiSendCallOnly
        Assert.Equal(EthAddress.Normalize(world.Contracts.MultiSendCallOnly, "multiSend"), draft.To);
        Assert.Equal(Samples.DueInJune, draft.Payments.Select(p => p.AllocationId).Order(StringComparer.Ordinal));
        Assert.Equal([("LPT", "1071.333333333333333333"), ("USDC", "1500.25")], draft.Totals.Select(t => (t.Token, t.Amount)));
        Assert.Equal(world.Owners.Select(o => o.Address).Order(), draft.MissingOwners.Order());
        Assert.Equal(3, draft.Threshold);
        Assert.Equal("SafeTx", draft.TypedData["primaryType"]!.GetValue<string>());
        // The worker's hash is the contract's own.
        var contractHash = await new SafeContract(world.Chain.CreateWeb3(), world.SafeAddress).GetTransactionHashAsync(new GetTransactionHashFunction
        {
            To = draft.To, Value = 0, Data = draft.Data.HexToByteArray(), Operation = 1, SafeTxGas = 0, BaseGas = 0, SafeGasPrice = 0,
            GasToken = EthAddress.Zero, RefundReceiver = EthAddress.Zero, SafeNonce = 0,
        });
        Assert.Equal(contractHash.ToHex(true), draft.SafeTxHash);
        Assert.Equal(["2025-05-ffmpeg=Queued", "2025-06-admin=Queued", "2025-06-ffmpeg=Queued", "2025-06-opencv=Queued",
            "2025-06-pydantic=Queued", "2025-07-comfyui=Approved"], await pipeline.AllocationStatusesAsync());

        // Owner 1 signs the typed data (EIP-712), owner 2 uses eth_sign, owner 3 approves the hash on chain.
        var first = await pipeline.Signer.SignAndSubmitAsync(draft.SafeTxHash, world.Owners[0].PrivateKey, CancellationToken.None);
        Assert.Equal((SignatureResult.Created, 201), (first.Result, first.StatusCode));
        var again = await pipeline.Signer.SignAndSubmitAsync(draft.SafeTxHash, world.Owners[0].PrivateKey, CancellationToken.None);
        Assert.Equal((SignatureResult.AlreadyPresent, 200), (again.Result, again.StatusCode));
        var second = await pipeline.Collector.AddAsync(draft.SafeTxHash, PipelineHarness.EthSign(world.Owners[1], draft.SafeTxHash), CancellationToken.None);
        Assert.Equal(SignatureResult.Created, second.Result);
        Assert.Equal(TransactionStatus.AwaitingSignatures, second.Transaction!.Status);
        await pipeline.ApproveOnChainAsync(world.Owners[2], draft.SafeTxHash);
        var imported = await pipeline.SyncAsync();
        Assert.Equal(1, imported.SignaturesImported);

        var ready = await pipeline.ViewAsync(draft.SafeTxHash);
        Assert.Equal(TransactionStatus.ReadyToExecute, ready.Status);
        Assert.Equal(["ApprovedHash", "Eip712", "EthSign"], ready.Signatures.Select(s => s.Type).Order());
        Assert.Equal(world.Owners.Skip(3).Select(o => o.Address).Order(), ready.MissingOwners.Order());

        var receipt = await pipeline.ExecuteAsOutsiderAsync(draft.SafeTxHash);
        await pipeline.SyncAsync();
        var executed = await pipeline.ViewAsync(draft.SafeTxHash);
        Assert.Equal(TransactionStatus.Executed, executed.Status);
        Assert.Equal(receipt.TransactionHash.ToLowerInvariant(), executed.ExecutionTxHash);
        Assert.Empty(await pipeline.Queries.ListPaymentsAsync(null, CancellationToken.None)); // not final yet

        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var final = await pipeline.SyncAsync();
        Assert.Equal((1, 5, 0), (final.Confirmed, final.PaymentsRecorded, final.UnplannedOutflows));
        Assert.Equal(TransactionStatus.Confirmed, (await pipeline.ViewAsync(draft.SafeTxHash)).Status);
        Assert.Equal(["2025-05-ffmpeg=Paid", "2025-06-admin=Paid", "2025-06-ffmpeg=Paid", "2025-06-opencv=Paid",
            "2025-06-pydantic=Paid", "2025-07-comfyui=Approved"], await pipeline.AllocationStatusesAsync());

        var payments = await pipeline.Queries.ListPaymentsAsync(null, CancellationToken.None);
        Assert.Equal(5, payments.Count);
        Assert.All(payments, p => Assert.Equal((receipt.TransactionHash.ToLowerInvariant(), (long)receipt.BlockNumber.Value, draft.SafeTxHash),
            (p.TxHash, p.BlockNumber, p.SafeTxHash)));
        Assert.Equal(payments.Count, payments.Select(p => p.LogIndex).Distinct().Count());
        Assert.Equal(["2025-05-ffmpeg"], (await pipeline.Queries.ListPaymentsAsync("2025-05", CancellationToken.None)).Select(p => p.AllocationId));

        // The chain agrees with the ledger.
        Assert.Equal(world.Lpt.ToBaseUnits(800m), await pipeline.BalanceAsync(world.Lpt.Address, Samples.FFmpeg));
        Assert.Equal(world.Lpt.ToBaseUnits(250.5m), await pipeline.BalanceAsync(world.Lpt.Address, Samples.OpenCv));
        Assert.Equal(world.Lpt.ToBaseUnits(20.833333333333333333m), await pipeline.BalanceAsync(world.Lpt.Address, Samples.Admin));
        Assert.Equal(world.Usdc.ToBaseUnits(1500.25m), await pipeline.BalanceAsync(world.Usdc.Address, Samples.Pydantic));
        Assert.Equal(safeLptBefore - world.Lpt.ToBaseUnits(1071.333333333333333333m), await pipeline.BalanceAsync(world.Lpt.Address, world.SafeAddress));

        // Running again changes nothing; the notices tell the story once each.
        Assert.False((await pipeline.SyncAsync()).HasChanges);
        var notices = await pipeline.Notices.ListAsync(false, draft.SafeTxHash, 100, CancellationToken.None);
        Assert.Equal([NoticeKind.TxPending, NoticeKind.ReadyToExecute, NoticeKind.TxExecuted, NoticeKind.TxConfirmed],
            notices.Select(n => n.Kind).Reverse());
        Assert.Equal(BigInteger.Zero, await pipeline.BalanceAsync(world.Lpt.Address, Samples.ComfyUi));
    }
}
