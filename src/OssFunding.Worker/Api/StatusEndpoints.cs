using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OssFunding.Core.Allocations;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Api;

internal sealed record SafeStatus(string? Address, long ChainId);

/// <summary>What the worker knows now: the configured Safe, budget use per cap, allocations per status.</summary>
internal sealed record WorkerStatus(SafeStatus Safe, IReadOnlyList<BudgetLine> Budget, IReadOnlyDictionary<AllocationStatus, int> Allocations);

internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", async (
            IOptions<SafeOptions> safe, IOptions<ChainOptions> chain, IBudgetQueries budget, IAllocationStore allocations, CancellationToken cancellationToken) =>
            TypedResults.Ok(new WorkerStatus(
                new SafeStatus(safe.Value.Address, chain.Value.ChainId),
                await budget.GetUsageAsync(cycle: null, cancellationToken),
                await AllocationCounts.ByStatusAsync(allocations, cancellationToken))));
        return api;
    }
}

internal static class AllocationCounts
{
    /// <summary>Every status is listed, with 0 where there is none, so a reader never mistakes a gap for an error.</summary>
    public static async Task<IReadOnlyDictionary<AllocationStatus, int>> ByStatusAsync(IAllocationStore store, CancellationToken cancellationToken)
    {
        IReadOnlyList<Allocation> all = await store.ListAsync(period: null, status: null, cancellationToken);
        return Enum.GetValues<AllocationStatus>().ToDictionary(status => status, status => all.Count(a => a.Status == status));
    }
}
