namespace OssFunding.Pipeline.Notices;

/// <summary>What a notice is about (SPEC §9): signer events and alerts. Stored by name in <c>notices.kind</c>.</summary>
public enum NoticeKind
{
    TxPending,

    /// <summary>The transaction still waits for signatures (every <c>Notifications:ReminderInterval</c>, src/OssFunding.Notifications).</summary>
    Reminder,
    ReadyToExecute,
    TxExecuted,
    TxConfirmed,
    TxFailed,
    TxSuperseded,

    /// <summary>Alert: an executed transaction's Transfer logs do not match its payments; nothing was recorded.</summary>
    PaymentMismatch,

    /// <summary>Alert: the stored calldata or hash differs from what the allocations rebuild to; signatures are refused.</summary>
    CalldataMismatch,

    /// <summary>Alert: the Safe holds too little of a token for the due payments; they are held.</summary>
    LowBalance,

    /// <summary>Alert: a token left the Safe without matching a recorded payment.</summary>
    UnplannedOutflow,

    /// <summary>Alert: the Safe's owners or threshold changed on chain.</summary>
    OwnersChanged,

    /// <summary>Alert: a reorg removed a block the pipeline had derived state from; that state was undone.</summary>
    ReorgUndone,

    /// <summary>Alert: the chain watcher's checkpoint has not moved for longer than <c>Chain:MaxWatcherLag</c> (RPC down or stuck).</summary>
    WatcherStalled,

    /// <summary>Alert: the executor cannot execute a ready transaction (simulation revert such as GS013/GS026, or it reverted on chain).</summary>
    ExecutionBlocked,

    /// <summary>
    /// Alert: the Safe's nonce passed a live transaction's nonce but no execution using it is mirrored (a watcher
    /// inconsistency); its allocations stay Queued until the execution is found.
    /// </summary>
    NonceWithoutExecution,

    /// <summary>Alert: deriving a transaction's on-chain state threw (e.g. a token removed from configuration); it is skipped.</summary>
    ConfirmationBlocked,

    /// <summary>A month's transparency report was written to the publish folder (src/OssFunding.Reports).</summary>
    ReportPublished,
}

/// <summary>Notices that are alerts to operators rather than steps of a transaction.</summary>
public static class NoticeKinds
{
    public static bool IsAlert(NoticeKind kind) => kind is NoticeKind.PaymentMismatch or NoticeKind.CalldataMismatch
        or NoticeKind.LowBalance or NoticeKind.UnplannedOutflow or NoticeKind.OwnersChanged or NoticeKind.ReorgUndone
        or NoticeKind.WatcherStalled or NoticeKind.ExecutionBlocked or NoticeKind.NonceWithoutExecution
        or NoticeKind.ConfirmationBlocked;
}
