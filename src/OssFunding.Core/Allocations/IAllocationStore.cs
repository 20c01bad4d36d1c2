namespace OssFunding.Core.Allocations;

public enum CancelResult
{
    Cancelled,
    AlreadyCancelled,
    NotFound,
    /// <summary>Queued, Paid or PaidOffChain: only Approved allocations can be cancelled.</summary>
    NotCancellable,
}

/// <summary>Reads allocations and applies operator changes to them.</summary>
public interface IAllocationStore
{
    Task<IReadOnlyList<Allocation>> ListAsync(string? period, AllocationStatus? status, CancellationToken cancellationToken);

    Task<Allocation?> GetAsync(string id, CancellationToken cancellationToken);

    Task<CancelResult> CancelAsync(string id, string reason, CancellationToken cancellationToken);
}
