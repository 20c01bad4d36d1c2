using Nethereum.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.MultiSend;

/// <summary>
/// Turns payments into what the Safe executes (SPEC §5): one payment is a direct <c>transfer</c> on the
/// token (operation 0); several are transfers packed into <c>MultiSendCallOnly.multiSend</c> (operation 1).
/// </summary>
public static class PaymentBatchEncoder
{
    public static SafeCall Encode(IReadOnlyList<Payment> payments, string multiSendCallOnly)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var multiSend = EthAddress.Normalize(multiSendCallOnly, nameof(multiSendCallOnly));
        if (payments.Count == 0)
        {
            throw new ArgumentException("A payment batch needs at least one payment.", nameof(payments));
        }

        if (payments.Count == 1)
        {
            var single = payments[0];
            return new SafeCall(single.Token, 0, Erc20TransferCalldata.Encode(single.Recipient, single.Amount), SafeOperation.Call);
        }

        var entries = payments.Select(p => new MultiSendEntry(
            SafeOperation.Call, p.Token, 0, Erc20TransferCalldata.Encode(p.Recipient, p.Amount)));
        var calldata = new MultiSendFunction { Transactions = MultiSendPacking.Pack(entries) }.GetCallData();
        return new SafeCall(multiSend, 0, calldata, SafeOperation.DelegateCall);
    }
}
