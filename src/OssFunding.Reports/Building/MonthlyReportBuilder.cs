using System.Numerics;
using System.Text.Json;
using OssFunding.Core.Budget;
using OssFunding.Core.Storage;
using OssFunding.Reports.Ledger;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Building;

/// <summary>
/// Builds a month's report from the ledger alone. Payments belong to the month of their block's time (off-chain: of their
/// date), which is also how the Safe's outflow on chain is counted, so the two reconcile. The budget table covers the
/// cycle's months up to this one ("cycle to date").
/// </summary>
public sealed class MonthlyReportBuilder(LedgerDatabase database, BudgetPlan plan, ReportSettings settings)
{
    /// <exception cref="ReportInputException">No budget cycle contains the month.</exception>
    /// <exception cref="ReportFactsMissingException">A recorded transfer has no block time in the ledger.</exception>
    public async Task<MonthlyReport> BuildAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var cycle = plan.CycleOf(period.Text) ?? throw new ReportInputException(
            $"No budget cycle contains {period}: the configured cycles are {CycleList(plan)}.");
        var facts = await ReportFacts.LoadAsync(database, settings.Safe, cycle.FirstPeriod, period.Text, cancellationToken);
        var payments = facts.Payments.Where(p => period.Contains(p.Time)).Select(ToRow).ToList();
        var offChain = facts.OffChain.Where(p => period.Contains(p.Day)).Select(ToRow).ToList();
        var outflows = facts.Outflows.Where(o => period.Contains(o.Time)).Select(ToRow).ToList();
        return new MonthlyReport(
            MonthlyReport.CurrentSchemaVersion,
            MonthlyReport.MonthlyKind,
            period.Text,
            cycle.Name,
            settings.Chain,
            Budget(cycle, facts.Allocations, period),
            payments,
            offChain,
            Pending(facts.Allocations, period),
            Cancelled(facts.Allocations, period),
            outflows,
            await SnapshotAsync(period, cancellationToken),
            Totals(payments, offChain, facts.Outflows.Where(o => period.Contains(o.Time)).ToList()),
            Summaries.Verification(payments.Select(p => p.Verification)));
    }

    internal static string CycleList(BudgetPlan plan) => plan.Cycles.Count == 0
        ? "none"
        : string.Join(", ", plan.Cycles.Select(c => $"{c.Name} ({c.FirstPeriod} to {c.LastPeriod})"));

    private static List<BudgetLineRow> Budget(BudgetCycle cycle, IReadOnlyList<AllocationState> allocations, ReportPeriod period) =>
        cycle.Caps.OrderBy(cap => cap.Key.Category, StringComparer.Ordinal).ThenBy(cap => cap.Key.Token, StringComparer.Ordinal)
            .Select(cap =>
            {
                var live = allocations.Where(a => !a.IsCancelled && a.Fact.Category == cap.Key.Category && a.Fact.Token == cap.Key.Token).ToList();
                var allocated = Exact.Sum(live, a => Exact.Parse(a.Fact.Amount));
                var paid = Exact.Sum(live.Where(a => a.PaidBefore(period.End)), a => Exact.Parse(a.Fact.Amount));
                return new BudgetLineRow(cap.Key.Category, cap.Key.Token, cap.Value, allocated, paid, cap.Value - allocated,
                    Exact.Percent(allocated, cap.Value));
            })
            .ToList();

    private static List<PendingAllocationRow> Pending(IReadOnlyList<AllocationState> allocations, ReportPeriod period) =>
        allocations.Where(a => !a.IsCancelled && !a.PaidBefore(period.End))
            .Select(a => new PendingAllocationRow(a.Fact.Id, a.Fact.Period, a.Fact.Project, a.Fact.Category, a.Fact.Recipient,
                Exact.Parse(a.Fact.Amount), a.Fact.Token, Exact.ParseOptional(a.Fact.FiatAmount), a.Fact.FiatCurrency,
                a.Fact.ApprovalRef, a.Fact.Status, a.PaidAt is { } at ? LedgerDates.Day(at) : null))
            .ToList();

    private static List<CancelledAllocationRow> Cancelled(IReadOnlyList<AllocationState> allocations, ReportPeriod period) =>
        allocations.Where(a => a.IsCancelled && a.Fact.Period == period.Text)
            .Select(a => new CancelledAllocationRow(a.Fact.Id, a.Fact.Period, a.Fact.Project, a.Fact.Category, a.Fact.Recipient,
                Exact.Parse(a.Fact.Amount), a.Fact.Token, a.Fact.ApprovalRef, LedgerDates.Day(LedgerDates.Parse(a.Fact.CancelledAt!)),
                a.Fact.CancelReason ?? ""))
            .ToList();

    private OnChainPaymentRow ToRow(DatedPayment payment)
    {
        var p = payment.Fact;
        return new OnChainPaymentRow(p.Id, LedgerDates.Day(payment.Time), LedgerDates.Instant(payment.Time), p.AllocationId, p.Period,
            p.Project, p.Category, p.Recipient, Exact.Parse(p.Amount), p.Token, Exact.ParseOptional(p.FiatAmount), p.FiatCurrency,
            p.ApprovalRef, p.TxHash, settings.Chain.TransactionUrl(p.TxHash), p.BlockNumber, p.BlockHash, p.LogIndex, p.SafeTxHash,
            new PaymentVerification(p.Verdict ?? VerificationStatus.Unchecked, p.VerdictDetail, p.CheckedAtBlock));
    }

    private static OffChainPaymentRow ToRow(DatedOffChainPayment payment)
    {
        var p = payment.Fact;
        return new OffChainPaymentRow(p.Id, LedgerDates.Day(payment.Day), p.AllocationId, p.Period, p.Project, p.Category, p.Recipient,
            Exact.Parse(p.Amount), p.Token, Exact.ParseOptional(p.FiatAmount), p.FiatCurrency, p.ApprovalRef, p.Reference,
            p.EvidenceUrl ?? "");
    }

    private UnplannedOutflowRow ToRow(DatedOutflow outflow)
    {
        var o = outflow.Fact;
        var symbol = settings.Units.SymbolOf(o.Token);
        var amount = symbol is null ? o.Amount : settings.Units.ToTokenUnits(symbol, BigInteger.Parse(o.Amount, System.Globalization.CultureInfo.InvariantCulture));
        return new UnplannedOutflowRow(LedgerDates.Day(outflow.Time), LedgerDates.Instant(outflow.Time), o.TxHash,
            settings.Chain.TransactionUrl(o.TxHash), o.BlockNumber, o.LogIndex, symbol ?? o.Token, o.Token, o.ToAddress, amount);
    }

    private List<TokenTotalsRow> Totals(
        IReadOnlyList<OnChainPaymentRow> payments, IReadOnlyList<OffChainPaymentRow> offChain, IReadOnlyList<DatedOutflow> outflows)
    {
        var unplanned = outflows
            .Select(o => (Symbol: settings.Units.SymbolOf(o.Fact.Token), o.Fact.Amount))
            .Where(o => o.Symbol is not null)
            .Select(o => (Symbol: o.Symbol!, Amount: Exact.Parse(settings.Units.ToTokenUnits(o.Symbol!, BigInteger.Parse(o.Amount, System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();
        return payments.Select(p => p.Token).Concat(offChain.Select(p => p.Token)).Concat(unplanned.Select(u => u.Symbol))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(token => new TokenTotalsRow(
                token,
                Exact.Sum(payments.Where(p => p.Token == token), p => p.Amount),
                Exact.Sum(offChain.Where(p => p.Token == token), p => p.Amount),
                Exact.Sum(unplanned.Where(u => u.Symbol == token), u => u.Amount),
                payments.Count(p => p.Token == token) + offChain.Count(p => p.Token == token)))
            .ToList();
    }

    private async Task<SafeSnapshotView?> SnapshotAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await ReportLedger.SnapshotAsync(connection, settings.Safe, period.Text) is not { } found)
        {
            return null;
        }

        var (snapshot, balances) = found;
        var owners = JsonSerializer.Deserialize<List<string>>(snapshot.Owners) ?? [];
        var time = LedgerDates.Instant(LedgerDates.Parse(snapshot.BlockTime));
        var source = snapshot.IsMonthEnd == 1
            ? $"Read from the chain at block {snapshot.BlockNumber} ({time}), the last block before {LedgerDates.Instant(period.End)}: balanceOf(Safe) per token, getOwners(), getThreshold()."
            : $"Provisional: the month has not ended on chain. Read from the chain at block {snapshot.BlockNumber} ({time}), the newest final block when recorded: balanceOf(Safe) per token, getOwners(), getThreshold().";
        return new SafeSnapshotView(snapshot.IsMonthEnd == 1, snapshot.BlockNumber, snapshot.BlockHash, time, owners,
            (int)snapshot.Threshold,
            balances.OrderBy(b => b.Token, StringComparer.Ordinal)
                .Select(b => new TokenBalanceRow(b.Token, b.TokenAddress, Exact.Parse(b.Balance))).ToList(),
            source);
    }
}

internal static class Summaries
{
    public static VerificationSummary Verification(IEnumerable<PaymentVerification> verifications)
    {
        var list = verifications.ToList();
        return new VerificationSummary(list.Count,
            list.Count(v => v.Status == VerificationStatus.Verified),
            list.Count(v => v.Status == VerificationStatus.Mismatch),
            list.Count(v => v.Status == VerificationStatus.Unchecked));
    }
}
