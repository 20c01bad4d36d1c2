using System.Globalization;
using Microsoft.Extensions.Options;
using OssFunding.Core.Allocations;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Status;
using Prometheus;

namespace OssFunding.Worker.Metrics;

/// <summary>
/// Ledger figures read at scrape time, so they are never stale. When the database cannot be read the scrape fails
/// (503) instead of serving old or zero values that would look like "nothing to pay".
/// </summary>
internal sealed class LedgerGauges(IServiceProvider services)
{
    private static readonly Gauge BudgetRemaining = Prometheus.Metrics.CreateGauge(
        "ossfunding_budget_remaining",
        "Cap minus non-cancelled allocations, in token units, per budget cycle, category and token.",
        new GaugeConfiguration { LabelNames = ["cycle", "category", "token"] });

    // With the cap, "nearly spent" is a ratio an alert can hold for every cap whatever its token or size.
    internal static readonly Gauge BudgetCap = Prometheus.Metrics.CreateGauge(
        "ossfunding_budget_cap",
        "Configured cap, in token units, per budget cycle, category and token.",
        new GaugeConfiguration { LabelNames = ["cycle", "category", "token"] });

    // A cycle that is over cannot be spent any more: alerts on its remainder would never clear.
    internal static readonly Gauge CycleOpen = Prometheus.Metrics.CreateGauge(
        "ossfunding_budget_cycle_open",
        "1 while the budget cycle's last month (UTC) has not ended, 0 after it.",
        new GaugeConfiguration { LabelNames = ["cycle"] });

    private static readonly Gauge Allocations = Prometheus.Metrics.CreateGauge(
        "ossfunding_allocations",
        "Allocations in the ledger by status.",
        new GaugeConfiguration { LabelNames = ["status"] });

    public async Task UpdateAsync(CancellationToken cancellationToken)
    {
        using IServiceScope scope = services.CreateScope();
        try
        {
            IReadOnlyList<BudgetLine> budget = await scope.ServiceProvider.GetRequiredService<IBudgetQueries>().GetUsageAsync(cycle: null, cancellationToken);
            IReadOnlyDictionary<AllocationStatus, int> counts =
                await AllocationCounts.ByStatusAsync(scope.ServiceProvider.GetRequiredService<IAllocationStore>(), cancellationToken);
            foreach (BudgetLine line in budget)
            {
                BudgetRemaining.WithLabels(line.Cycle, line.Category, line.Token).Set((double)line.Remaining);
                BudgetCap.WithLabels(line.Cycle, line.Category, line.Token).Set((double)line.Cap);
            }

            string thisMonth = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
            foreach (BudgetCycleOptions cycle in scope.ServiceProvider.GetRequiredService<IOptions<BudgetOptions>>().Value.Cycles)
            {
                // Periods are validated YYYY-MM, so ordinal order is calendar order.
                CycleOpen.WithLabels(cycle.Name).Set(string.CompareOrdinal(thisMonth, cycle.LastPeriod) <= 0 ? 1 : 0);
            }

            foreach ((AllocationStatus status, int count) in counts)
            {
                Allocations.WithLabels(status.ToString()).Set(count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ScrapeFailedException($"ledger figures unavailable: {e.Message}", e);
        }
    }
}
