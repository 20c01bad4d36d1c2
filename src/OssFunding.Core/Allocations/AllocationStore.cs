using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;

namespace OssFunding.Core.Allocations;

/// <summary>Lists allocations and cancels approved ones (with the reason recorded).</summary>
internal sealed class AllocationStore(LedgerDatabase database, TimeProvider clock, ILogger<AllocationStore> logger) : IAllocationStore
{
    public const int MaxReasonLength = 1000;

    public async Task<IReadOnlyList<Allocation>> ListAsync(string? period, AllocationStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await AllocationLedger.ListAsync(connection, period, status);
    }

    public async Task<Allocation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await AllocationLedger.FindAsync(connection, null, [id]);
        return found.GetValueOrDefault(id);
    }

    /// <exception cref="ArgumentException">The reason is empty, too long or has control characters.</exception>
    public async Task<CancelResult> CancelAsync(string id, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength || reason.Any(char.IsControl))
        {
            throw new ArgumentException($"A cancellation needs a reason of 1 to {MaxReasonLength} characters on one line.", nameof(reason));
        }

        var result = await database.WriteAsync(async (connection, transaction) =>
        {
            await LedgerDatabase.LockBudgetAsync(connection, transaction);
            // The status guard makes the change atomic against a drafter queueing the same allocation.
            var changed = await AllocationMoves.CancelAsync(
                transaction, AllocationStatus.Approved, new AllocationSelection.Ids([id]), reason, clock.GetUtcNow());
            if (changed == 1)
            {
                await transaction.CommitAsync(cancellationToken);
                return CancelResult.Cancelled;
            }

            var status = await connection.ExecuteScalarAsync<string?>("SELECT status FROM allocations WHERE id = @id", new { id }, transaction);
            return status switch
            {
                null => CancelResult.NotFound,
                nameof(AllocationStatus.Cancelled) => CancelResult.AlreadyCancelled,
                _ => CancelResult.NotCancellable,
            };
        }, cancellationToken);
        logger.LogInformation("Cancel allocation {AllocationId}: {Result}", id, result);
        return result;
    }
}
