using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer.EIP712;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>Payment batches built, signed, verified and packed by the protocol layer, executed by the real Safe.</summary>
public sealed class PaymentExecutionTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Fifty_payments_signed_three_ways_execute_through_MultiSendCallOnly(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var payments = RandomPayments(world, new Random(50 + (int)version), 50);
        var call = PaymentBatchEncoder.Encode(payments, world.MultiSendCallOnly);
        var tx = await world.DraftAsync(call);
        var context = world.Context(tx, world.Devnet.Deployer.Address);
        var hash = context.Hashes.SafeTxHash;
        var (typed, ethSign, approver) = (world.EoaOwners[0], world.EoaOwners[1], world.EoaOwners[2]);
        await world.SafeAs(approver).ApproveHashAsync(hash);

        var verified = new List<VerifiedSignature>
        {
            await world.Verifier.VerifyAsync(context, ProtocolWorld.SignTyped(typed.Key, hash).ToBytes(), typed.Address),
            await world.Verifier.VerifyAsync(context, ProtocolWorld.SignEthSign(ethSign.Key, hash).ToBytes(), ethSign.Address),
            await world.Verifier.VerifyAsync(context, SafeSignature.ApprovedHash(approver.Address).ToBytes()),
        };
        var packed = SafeSignaturePacker.PackForExecution(verified, world.Threshold);
        await world.Verifier.CheckSignaturesAsync(context, packed);
        var receipt = await world.ExecuteAsync(tx, packed, world.Devnet.Deployer);

        Assert.Equal(SafeOperation.DelegateCall, call.Operation);
        Assert.Equal(payments, PaymentBatchDecoder.Decode(call, world.MultiSendCallOnly));
        Assert.Equal(
            [SafeSignatureType.Eip712, SafeSignatureType.EthSign, SafeSignatureType.ApprovedHash],
            verified.Select(v => v.Type));
        AssertSucceeded(receipt);
        AssertEachPaymentHasExactlyOneTransfer(world, payments, receipt);
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task A_signature_from_an_independent_signer_of_the_typed_data_json_executes(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var payments = RandomPayments(world, new Random(7 + (int)version), 3);
        var tx = await world.DraftAsync(PaymentBatchEncoder.Encode(payments, world.MultiSendCallOnly));
        var executor = world.EoaOwners[4];
        var context = world.Context(tx, executor.Address);
        var json = SafeTxTypedData.ToJson(world.Domain, tx);

        // What a wallet does with eth_signTypedData_v4: Nethereum's signer gets the JSON unchanged.
        var walletSignature = new Eip712TypedDataSigner().SignTypedDataV4(json, world.EoaOwners[1].Key);

        var verified = new List<VerifiedSignature>
        {
            await world.Verifier.VerifyAsync(context, walletSignature.HexToByteArray(), world.EoaOwners[1].Address),
            await world.Verifier.VerifyAsync(context, world.SignAsOwnerSafe(context.Hashes).ToBytes()),
            await world.Verifier.VerifyAsync(context, SafeSignature.ApprovedHash(executor.Address).ToBytes()),
        };
        var packed = SafeSignaturePacker.PackForExecution(verified, world.Threshold);
        var onChainCheck = await world.SafeAs(executor).CheckSignaturesAsync(context.Hashes.SafeTxHash, context.Hashes.EncodedData, packed);
        var receipt = await world.ExecuteAsync(tx, packed, executor);

        Assert.True(onChainCheck.IsValid, onChainCheck.RevertReason);
        Assert.Equal(
            [SafeSignatureType.Eip712, SafeSignatureType.Eip1271, SafeSignatureType.ApprovedHash],
            verified.Select(v => v.Type));
        AssertSucceeded(receipt);
        AssertEachPaymentHasExactlyOneTransfer(world, payments, receipt);
    }

    private static List<Payment> RandomPayments(ProtocolWorld world, Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var token = random.Next(2) == 0 ? world.Devnet.Lpt : world.Devnet.Usdc;
            var recipient = new byte[20];
            random.NextBytes(recipient);
            var whole = random.Next(1, 40);
            var amount = (BigInteger.Pow(10, token.Decimals) * whole) + random.Next(1, 1_000_000);
            return new Payment(token.Address, recipient.ToHex(true), amount);
        })];

    private static void AssertSucceeded(TransactionReceipt receipt)
    {
        Assert.Equal(1, (int)receipt.Status.Value);
    }

    /// <summary>Matches payments and Transfer logs one to one on (token, from = Safe, to, amount).</summary>
    private static void AssertEachPaymentHasExactlyOneTransfer(ProtocolWorld world, List<Payment> payments, TransactionReceipt receipt)
    {
        var transfers = receipt.DecodeAllEvents<TransferEvent>()
            .Select(e => (Token: e.Log.Address, e.Event.From, e.Event.To, e.Event.Value))
            .ToList();
        Assert.Equal(payments.Count, transfers.Count);
        foreach (var payment in payments)
        {
            var matches = transfers.Where(t =>
                EthAddress.AreEqual(t.Token, payment.Token)
                && EthAddress.AreEqual(t.From, world.Devnet.SafeAddress)
                && EthAddress.AreEqual(t.To, payment.Recipient)
                && t.Value == payment.Amount).ToList();
            Assert.True(matches.Count == 1, $"{payment} matched {matches.Count} Transfer logs");
        }
    }
}
