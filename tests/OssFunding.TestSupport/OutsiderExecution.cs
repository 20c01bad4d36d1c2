using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Devnet;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using Xunit;

namespace OssFunding.TestSupport;

/// <summary>
/// Executes a ledger transaction the way anyone may once it is ready: the deployer (not an owner) submits
/// <c>execTransaction</c> with the stored signatures of the current owners packed, without the worker's executor.
/// </summary>
public static class OutsiderExecution
{
    public static async Task<TransactionReceipt> ExecuteAsync(DevnetWorld world, TransactionView view, long gas = 2_000_000)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(view);
        var safe = new SafeContract(world.Web3For(world.Deployer), world.SafeAddress);
        var transaction = DraftedTransaction(view);
        var context = new SignatureCheckContext(new SafeDomain(world.Chain.ChainId, world.SafeAddress), transaction,
            await safe.GetOwnersAsync(), await safe.GetThresholdAsync(), world.Version, world.Deployer.Address);
        var reads = new NethereumSafeSignatureChainReader(world.Web3For(world.Deployer));
        var selection = await ExecutionSignatures.SelectAsync(reads, view, context, CancellationToken.None);
        Assert.True(selection.Packed is not null, selection.Describe());
        var execution = transaction.ToExecTransaction(selection.Packed);
        execution.Gas = gas;
        var receipt = await safe.ExecTransactionAsync(execution);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt;
    }

    /// <summary>The worker drafts without refund (SPEC §5), so the view's call and nonce are the whole SafeTx.</summary>
    public static SafeTransaction DraftedTransaction(TransactionView view) => SafeTransaction.WithoutRefund(
        new SafeCall(view.To, BigInteger.Parse(view.Value, CultureInfo.InvariantCulture), view.Data.HexToByteArray(), (SafeOperation)view.Operation),
        view.Nonce);
}
