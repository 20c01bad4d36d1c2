namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// The allowed moves of the Safe transaction state machine (SPEC §5), as "which statuses may become X". Backward moves
/// exist only for what the chain takes back: a reorg removing an execution, an owner change dropping signatures.
/// </summary>
public static class TransactionTransitions
{
    private static readonly TransactionStatus[] Collectable =
        [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute];

    private static readonly Dictionary<TransactionStatus, TransactionStatus[]> SourcesByTarget = new()
    {
        // Cancelled → drafted again happens only in DraftLedger.TryRedraftCancelledAsync (the same payments at the same
        // nonce after an operator cancel nobody saw), never through a guarded transition.
        [TransactionStatus.Drafted] = [],
        [TransactionStatus.AwaitingSignatures] =
            [TransactionStatus.Drafted, TransactionStatus.ReadyToExecute, TransactionStatus.Executed, TransactionStatus.Confirmed],
        [TransactionStatus.ReadyToExecute] =
            [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.Executed, TransactionStatus.Confirmed],
        // Operator cancel with a rejection drafted; back from Executed/Confirmed when a reorg removes the original's
        // execution while its rejection is still live.
        [TransactionStatus.Cancelling] = [.. Collectable, TransactionStatus.Executed, TransactionStatus.Confirmed],
        // A Cancelling transaction whose own signatures were used is executed like any other.
        [TransactionStatus.Executed] = [.. Collectable, TransactionStatus.Cancelling],
        [TransactionStatus.Confirmed] = [TransactionStatus.Executed],
        [TransactionStatus.Failed] = [.. Collectable, TransactionStatus.Cancelling, TransactionStatus.Executed],
        [TransactionStatus.Superseded] = [.. Collectable, TransactionStatus.Cancelling],
        // Operator cancel of a draft nobody saw (from Drafted/AwaitingSignatures), or the rejection executed (from Cancelling).
        [TransactionStatus.Cancelled] = [.. Collectable, TransactionStatus.Cancelling],
    };

    /// <summary>Statuses from which a transaction may move to <paramref name="target"/>.</summary>
    public static IReadOnlyList<TransactionStatus> Sources(TransactionStatus target) => SourcesByTarget[target];

    public static bool IsAllowed(TransactionStatus from, TransactionStatus to) => SourcesByTarget[to].Contains(from);
}
