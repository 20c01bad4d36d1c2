using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Rendering;

/// <summary>The one-line title of each kind of notice.</summary>
internal static class NoticeTitles
{
    public static string For(NoticeKind kind, long? nonce, string? signatures)
    {
        var tx = nonce is { } n ? $"Safe tx #{n}" : "Safe tx";
        return kind switch
        {
            NoticeKind.TxPending => $"Signature needed: {tx} ({signatures} signed)",
            NoticeKind.Reminder => $"Reminder: {tx} still needs signatures ({signatures} signed)",
            NoticeKind.ReadyToExecute => $"Ready to execute: {tx} ({signatures} signed)",
            NoticeKind.TxExecuted => $"Executed: {tx}",
            NoticeKind.TxConfirmed => $"Confirmed: {tx}, payments recorded",
            NoticeKind.TxFailed => $"Failed: {tx}",
            NoticeKind.TxSuperseded => $"Superseded: {tx}",
            NoticeKind.PaymentMismatch => $"Alert: payments of {tx} do not match its transfers",
            NoticeKind.CalldataMismatch => $"Alert: {tx} does not match its allocations",
            NoticeKind.LowBalance => "Alert: Safe balance too low for due payments",
            NoticeKind.UnplannedOutflow => "Alert: unplanned outflow from the Safe",
            NoticeKind.OwnersChanged => "Alert: Safe owners or threshold changed",
            NoticeKind.ReorgUndone => $"Alert: a reorg undid the execution of {tx}",
            NoticeKind.WatcherStalled => "Alert: chain watcher stalled (RPC or watcher)",
            NoticeKind.ConfirmationBlocked => $"Alert: the confirmer cannot derive the state of {tx}",
            NoticeKind.NonceWithoutExecution => $"Alert: the Safe's nonce passed {tx} but no execution was found for it",
            NoticeKind.ReportPublished => "Monthly report published",
            _ => kind.ToString(),
        };
    }
}
