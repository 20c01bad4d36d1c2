namespace OssFunding.Pipeline.Execution;

public enum ExecutorOutcome
{
    /// <summary>No transaction is ReadyToExecute at the Safe's current nonce.</summary>
    NothingReady,

    /// <summary>A submitted execution is not mined yet; nothing new is submitted meanwhile.</summary>
    AwaitingReceipt,

    /// <summary>An execution was signed, stored and broadcast.</summary>
    Submitted,

    /// <summary>The next transaction cannot be executed now (simulation revert, mismatch, executor is an owner); alerted.</summary>
    Blocked,
}

/// <summary>What one <see cref="Executor.RunAsync"/> did, with a reason an operator can act on.</summary>
public sealed record ExecutorRun(ExecutorOutcome Outcome, string Reason, string? SafeTxHash = null, string? ExecutionTxHash = null);
