namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// The allowed moves of the Safe transaction state machine (SPEC §5), as "which statuses may become X". Backward moves
/// exist only for what the chain takes back: a reorg removing an execution, an owner change dropping signatures.
/// </summary>
public static class TransactionTransitions
{
    private static readonly Dictionary<TransactionStatus, TransactionStatus[]> SourcesByTarget = new()
    {
        [TransactionStatus.Drafted] = [],
        [TransactionStatus.AwaitingSignatures] =
            [TransactionStatus.Drafted, TransactionStatus.ReadyToExecute, TransactionStatus.Executed, TransactionStatus.Confirmed],
        [TransactionStatus.ReadyToExecute] =
            [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.Executed, TransactionStatus.Confirmed],
        [TransactionStatus.Executed] =
            [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute],
        [TransactionStatus.Confirmed] = [TransactionStatus.Executed],
        [TransactionStatus.Failed] =
            [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute, TransactionStatus.Executed],
        [TransactionStatus.Superseded] =
            [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute],
        [TransactionStatus.Cancelled] =
            [TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute],
    };

    /// <summary>Statuses from which a transaction may move to <paramref name="target"/>.</summary>
    public static IReadOnlyList<TransactionStatus> Sources(TransactionStatus target) => SourcesByTarget[target];

    public static bool IsAllowed(TransactionStatus from, TransactionStatus to) => SourcesByTarget[to].Contains(from);
}
