using OssFunding.Core.Allocations;
using OssFunding.Core.Storage;
using OssFunding.Reports.Ledger;

namespace OssFunding.Reports.Building;

internal sealed record DatedPayment(PaymentFact Fact, DateTimeOffset Time);

internal sealed record DatedOffChainPayment(OffChainFact Fact, DateTimeOffset Day);

internal sealed record DatedOutflow(UnplannedFact Fact, DateTimeOffset Time);

/// <param name="PaidAt">When its payment happened (block time, or the off-chain date); null while unpaid.</param>
internal sealed record AllocationState(AllocationFact Fact, DateTimeOffset? PaidAt)
{
    public bool IsCancelled => Fact.Status == nameof(AllocationStatus.Cancelled);

    public bool PaidBefore(DateTimeOffset end) => PaidAt is { } at && at < end;
}

/// <summary>
/// Everything a report reads from the ledger, loaded in one connection and dated. A payment or outflow without a
/// recorded block time cannot be placed in a month, so loading refuses rather than leave it out of every report.
/// </summary>
internal sealed class ReportFacts
{
    private ReportFacts(
        IReadOnlyList<DatedPayment> payments, IReadOnlyList<DatedOffChainPayment> offChain,
        IReadOnlyList<AllocationState> allocations, IReadOnlyList<DatedOutflow> outflows)
    {
        Payments = payments;
        OffChain = offChain;
        Allocations = allocations;
        Outflows = outflows;
    }

    public IReadOnlyList<DatedPayment> Payments { get; }

    public IReadOnlyList<DatedOffChainPayment> OffChain { get; }

    /// <summary>Allocations of the loaded periods, in (period, id) order.</summary>
    public IReadOnlyList<AllocationState> Allocations { get; }

    public IReadOnlyList<DatedOutflow> Outflows { get; }

    public static async Task<ReportFacts> LoadAsync(
        LedgerDatabase database, string safe, string firstPeriod, string lastPeriod, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var payments = await ReportLedger.OnChainPaymentsAsync(connection);
        var outflows = await ReportLedger.UnplannedOutflowsAsync(connection, safe);
        var undated = payments.Where(p => p.BlockTime is null).Select(p => $"payment {p.Id} (allocation {p.AllocationId})")
            .Concat(outflows.Where(o => o.BlockTime is null).Select(o => $"unplanned outflow {o.TxHash}:{o.LogIndex}"))
            .ToList();
        if (undated.Count > 0)
        {
            throw new ReportFactsMissingException(
                $"The block time of {undated.Count} recorded transfer(s) is not in the ledger yet and could not be read from the chain: " +
                $"{string.Join(", ", undated.Take(10))}{(undated.Count > 10 ? ", ..." : "")}. Run again when the chain is reachable.");
        }

        var offChain = (await ReportLedger.OffChainPaymentsAsync(connection))
            .Select(p => new DatedOffChainPayment(p, OffChainDay(p.PaidOn, p.RecordedAt)))
            .OrderBy(p => p.Day).ThenBy(p => p.Fact.AllocationId, StringComparer.Ordinal).ToList();
        var allocations = (await ReportLedger.AllocationsAsync(connection, firstPeriod, lastPeriod))
            .Select(a => new AllocationState(a, PaidAt(a)))
            .OrderBy(a => a.Fact.Period, StringComparer.Ordinal).ThenBy(a => a.Fact.Id, StringComparer.Ordinal).ToList();
        return new ReportFacts(
            payments.Select(p => new DatedPayment(p, LedgerDates.Parse(p.BlockTime!))).ToList(),
            offChain,
            allocations,
            outflows.Select(o => new DatedOutflow(o, LedgerDates.Parse(o.BlockTime!))).ToList());
    }

    private static DateTimeOffset? PaidAt(AllocationFact allocation) => allocation.PaymentKind switch
    {
        "OnChain" => allocation.BlockTime is { } time ? LedgerDates.Parse(time) : null,
        "OffChain" => OffChainDay(allocation.PaidOn, allocation.PaymentRecordedAt!),
        _ => null,
    };

    // Off-chain payments recorded without evidence details (not through this module) count from the day they were recorded.
    private static DateTimeOffset OffChainDay(string? paidOn, string recordedAt) =>
        paidOn is not null ? LedgerDates.ParseDay(paidOn) : LedgerDates.ParseDay(LedgerDates.Day(LedgerDates.Parse(recordedAt)));
}
