using System.Numerics;
using Nethereum.Signer;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

/// <summary>Gas of Safe payment batches and of bare ERC-20 transfers, on one devnet world.</summary>
internal sealed class GasMeasurement(DevnetWorld world)
{
    private const int BareTransferSamples = 10;
    private const long IntrinsicGas = 21_000;
    private int _freshRecipients;

    /// <summary>
    /// Marginal gas of one ERC-20 transfer: an EOA's <c>transfer</c> to a never-used recipient minus the
    /// 21,000 intrinsic gas every transaction pays, averaged over several recipients.
    /// </summary>
    public async Task<double> BareTransferMarginalGasAsync()
    {
        var sender = world.Deployer;
        await world.MintAsync(world.Lpt, sender.Address, world.Lpt.ToBaseUnits(1_000m));
        var token = new Erc20Contract(world.Web3For(sender), world.Lpt.Address);
        long total = 0;
        for (var i = 0; i < BareTransferSamples; i++)
        {
            var receipt = await token.TransferAsync(FreshRecipient(), world.Lpt.ToBaseUnits(1m));
            Require(receipt.Status.Value == 1, "a bare transfer reverted");
            total += (long)receipt.GasUsed.Value - IntrinsicGas;
        }

        return (double)total / BareTransferSamples;
    }

    /// <summary>
    /// Executes <paramref name="payments"/> LPT payments to fresh recipients as the worker drafts them
    /// (one: direct transfer, operation 0; several: MultiSendCallOnly, operation 1), signed by the lowest
    /// three owners with EIP-712 ECDSA signatures and sent by a non-owner; returns the transaction's gas.
    /// </summary>
    public async Task<long> SafeBatchGasAsync(int payments)
    {
        var batch = Enumerable.Range(0, payments)
            .Select(_ => new Payment(world.Lpt.Address, FreshRecipient(), world.Lpt.ToBaseUnits(1m)))
            .ToList();
        var call = PaymentBatchEncoder.Encode(batch, world.Contracts.MultiSendCallOnly);
        var safe = new SafeContract(world.Web3For(world.Deployer), world.SafeAddress);
        var transaction = SafeTransaction.WithoutRefund(call, await safe.GetNonceAsync());
        var hash = SafeTxHasher.Hash(new SafeDomain(world.Chain.ChainId, world.SafeAddress), transaction).SafeTxHash;

        var signatures = world.Owners.Select(owner => new VerifiedSignature(owner.Address, SafeSignatureType.Eip712, Sign(owner.Key, hash)));
        var receipt = await safe.ExecTransactionAsync(
            transaction.ToExecTransaction(SafeSignaturePacker.PackForExecution([.. signatures], world.Safe.Threshold)));

        // A measurement only counts if every payment really happened.
        Require(receipt.Status.Value == 1, $"the {payments}-payment batch reverted");
        var logs = receipt.Logs ?? [];
        Require(SafeEventDecoder.DecodeAll(logs).OfType<SafeExecutionEvent>().Single().Succeeded, "ExecutionFailure");
        Require(SafeEventDecoder.DecodeTransfers(logs).Count == payments, "a transfer is missing");
        return (long)receipt.GasUsed.Value;
    }

    private static SafeSignature Sign(EthECKey key, byte[] hash)
    {
        var signature = key.SignAndCalculateV(hash);
        return SafeSignature.Ecdsa([.. Word(signature.R), .. Word(signature.S), signature.V[0]]);
    }

    private static byte[] Word(byte[] value)
        => value.Length >= 32 ? value[^32..] : [.. new byte[32 - value.Length], .. value];

    private string FreshRecipient()
    {
        var index = Interlocked.Increment(ref _freshRecipients);
        return DevnetAccount.FromLabel($"gas-bench-recipient-{world.Version}-{index}").Address;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Gas measurement invalid: {what}.");
        }
    }
}
