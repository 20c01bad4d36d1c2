using OssFunding.Chain.Watcher;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>What one <see cref="Confirmer.RunAsync"/> derived. <see cref="Position"/> is null before the watcher's first poll.</summary>
public sealed record ConfirmerRun(
    ChainPosition? Position,
    int SignaturesImported,
    int Executed,
    int Confirmed,
    int PaymentsRecorded,
    int Failed,
    int Superseded,
    int Cancelled,
    int Mismatched,
    int HeldWithoutEvidence,
    int UnplannedOutflows,
    int OwnerChanges)
{
    public bool HasChanges =>
        SignaturesImported + Executed + Confirmed + Failed + Superseded + Cancelled + Mismatched + HeldWithoutEvidence + UnplannedOutflows + OwnerChanges > 0;

    internal static ConfirmerRun NotStarted(int signaturesImported) => new(null, signaturesImported, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
