namespace OssFunding.Chain.Watcher;

/// <summary>A row of <c>chain_safe_events</c>: one log the Safe emitted, decoded where the event is known.</summary>
internal sealed record SafeEventRow(
    string TxHash, long LogIndex, string Safe, long BlockNumber, string BlockHash, string Event,
    string? SafeTxHash, string? Payment, string? Owner, string? ApprovedHash, long? Threshold, string? Module,
    long? Nonce, string Topics, string Data)
{
    public bool IsExecution => SafeEventNames.Executions.Contains(Event);
}

/// <summary>A row of <c>chain_transfers</c>: an ERC-20 Transfer log with from = the Safe.</summary>
internal sealed record TransferRow(
    string TxHash, long LogIndex, string Safe, long BlockNumber, string BlockHash, string Token,
    string FromAddress, string ToAddress, string Amount, long? ExecutionLogIndex);

/// <summary>The <c>event</c> column's values.</summary>
public static class SafeEventNames
{
    public const string ExecutionSuccess = "ExecutionSuccess";
    public const string ExecutionFailure = "ExecutionFailure";
    public const string ExecutionFromModuleSuccess = "ExecutionFromModuleSuccess";
    public const string ExecutionFromModuleFailure = "ExecutionFromModuleFailure";
    public const string SafeMultiSigTransaction = "SafeMultiSigTransaction";
    public const string ApproveHash = "ApproveHash";
    public const string AddedOwner = "AddedOwner";
    public const string RemovedOwner = "RemovedOwner";
    public const string ChangedThreshold = "ChangedThreshold";
    public const string Other = "Other";

    /// <summary>Events after which the Safe's call has run: their transaction's receipt holds its token transfers.</summary>
    public static readonly IReadOnlySet<string> Executions = new HashSet<string>(StringComparer.Ordinal)
    {
        ExecutionSuccess, ExecutionFailure, ExecutionFromModuleSuccess, ExecutionFromModuleFailure,
    };
}
