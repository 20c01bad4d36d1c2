using OssFunding.Reports.Building;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Rendering;

/// <summary>Lays out a <see cref="MonthlyReport"/> for Markdown and HTML: the same sections, tables and charts in both.</summary>
internal static class MonthlyDocument
{
    public static ReportDocument From(MonthlyReport report)
    {
        var chain = report.Chain;
        return new ReportDocument(
            $"Treasury report {report.Period}",
            [
                Paragraph.Of("Safe ", Address(chain, chain.Safe), $" on chain {chain.ChainId}, budget cycle {report.Cycle}. " +
                    "Amounts are exact token amounts; dates are UTC; an on-chain payment is dated by the time of its block."),
                Paragraph.Text("Every on-chain payment links to its transaction on the explorer. Anyone can re-check them all " +
                    "against the chain from this report's JSON form with the worker's command: verify --report FILE."),
            ],
            [Summary(report), Budget(report), Payments(report), OffChain(report), Pending(report), Cancelled(report), Unplanned(report), Safe(report)]);
    }

    private static Section Summary(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Token").Column("Paid on chain", true).Column("Paid off chain", true)
            .Column("Payments", true).Column("Unplanned outflow", true);
        foreach (var total in report.Totals)
        {
            table.Row(total.Token, Exact.Text(total.PaidOnChain), Exact.Text(total.PaidOffChain), N(total.Payments), Exact.Text(total.UnplannedOutflow));
        }

        var v = report.Verification;
        return Section.Of("Summary", table.Build("Nothing was paid this month."),
            Paragraph.Text($"On-chain payments: {v.OnChainPayments}; verified on chain: {v.Verified}; mismatches: {v.Mismatch}; " +
                $"not re-verified since recorded: {v.Unchecked}."));
    }

    private static Section Budget(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Category").Column("Token").Column("Cap", true).Column("Allocated", true)
            .Column("Paid", true).Column("Remaining", true).Column("% used", true);
        foreach (var line in report.Budget)
        {
            table.Row(line.Category, line.Token, Exact.Text(line.Cap), Exact.Text(line.Allocated), Exact.Text(line.Paid),
                Exact.Text(line.Remaining), Exact.PercentText(line.PercentUsed));
        }

        var chart = new BarChart("Budget use per category (allocated against cap)", "Bar: allocated; background: cap.",
            report.Budget.Select(l => new Bar($"{l.Category} ({l.Token})", l.Allocated, l.Cap,
                $"{Exact.Text(l.Allocated)} / {Exact.Text(l.Cap)} {l.Token} ({Exact.PercentText(l.PercentUsed)} %)")).ToList());
        return new Section($"Budget, cycle {report.Cycle} to date",
            [Paragraph.Text($"Allocations of the cycle's months up to {report.Period} (cancelled ones excluded); paid by the end of the month, on or off chain.")],
            table.Build("No budget is configured for this cycle."), [chart]);
    }

    private static Section Payments(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Date").Column("Project").Column("Category").Column("Recipient").Column("Amount", true)
            .Column("Token").Column("Fiat reference").Column("Approval").Column("Transaction").Column("Block", true)
            .Column("Log", true).Column("Verification");
        foreach (var p in report.Payments)
        {
            table.Row(p.Date, p.Project, p.Category, Address(report.Chain, p.Recipient), Exact.Text(p.Amount), p.Token,
                Fiat(p.FiatAmount, p.FiatCurrency), Approval(p.ApprovalRef), new Cell(Links.Short(p.TxHash), p.ExplorerUrl, Code: true),
                N(p.BlockNumber), N(p.LogIndex), Verification(p.Verification));
        }

        var paid = report.Payments.Select(p => (p.Project, p.Token, p.Amount))
            .Concat(report.OffChainPayments.Select(p => (p.Project, p.Token, p.Amount)))
            .GroupBy(p => p.Token).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BarChart($"Paid per project in {g.Key}", $"On and off chain, in {g.Key}.",
                g.GroupBy(p => p.Project).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => ProjectBar(p.Key, Exact.Sum(p, x => x.Amount), g.Key))
                    .ToList()))
            .ToList();
        return new Section("Payments on chain", [], table.Build("No on-chain payment this month."), paid);
    }

    private static Section OffChain(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Date").Column("Project").Column("Category").Column("Recipient").Column("Amount", true)
            .Column("Token").Column("Fiat reference").Column("Approval").Column("Reference").Column("Evidence");
        foreach (var p in report.OffChainPayments)
        {
            table.Row(p.Date, p.Project, p.Category, Address(report.Chain, p.Recipient), Exact.Text(p.Amount), p.Token,
                Fiat(p.FiatAmount, p.FiatCurrency), Approval(p.ApprovalRef), p.Reference, new Cell("evidence", p.EvidenceUrl));
        }

        return Section.Of("Payments off chain", table.Build("No off-chain payment this month."),
            Paragraph.Text("Paid outside the chain (for projects that cannot take crypto); they count against the budget like on-chain payments."));
    }

    private static Section Pending(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Allocation").Column("Period").Column("Project").Column("Category").Column("Recipient")
            .Column("Amount", true).Column("Token").Column("Fiat reference").Column("Approval").Column("Status now");
        foreach (var a in report.PendingAllocations)
        {
            table.Row(new Cell(a.AllocationId, Code: true), a.Period, a.Project, a.Category, Address(report.Chain, a.Recipient),
                Exact.Text(a.Amount), a.Token, Fiat(a.FiatAmount, a.FiatCurrency), Approval(a.ApprovalRef),
                a.PaidOn is null ? a.Status : $"{a.Status} on {a.PaidOn}");
        }

        return Section.Of("Pending allocations", table.Build("No allocation was waiting at the end of the month."),
            Paragraph.Text($"Allocations of the cycle due by {report.Period}, not paid by the end of the month."));
    }

    private static Section Cancelled(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Allocation").Column("Project").Column("Category").Column("Recipient").Column("Amount", true)
            .Column("Token").Column("Approval").Column("Cancelled").Column("Reason");
        foreach (var a in report.CancelledAllocations)
        {
            table.Row(new Cell(a.AllocationId, Code: true), a.Project, a.Category, Address(report.Chain, a.Recipient), Exact.Text(a.Amount),
                a.Token, Approval(a.ApprovalRef), a.CancelledOn, a.Reason);
        }

        return Section.Of("Cancelled allocations", table.Build("No allocation of this month was cancelled."));
    }

    private static Section Unplanned(MonthlyReport report)
    {
        var table = new TableBuilder().Column("Date").Column("Transaction").Column("Block", true).Column("Log", true)
            .Column("Token").Column("To").Column("Amount", true);
        foreach (var o in report.UnplannedOutflows)
        {
            table.Row(o.Date, new Cell(Links.Short(o.TxHash), o.ExplorerUrl, Code: true), N(o.BlockNumber), N(o.LogIndex),
                o.Token, Address(report.Chain, o.To), o.Amount);
        }

        return Section.Of("Unplanned outflows", table.Build("No token left the Safe outside an allocation this month."),
            Paragraph.Text("Token transfers out of the Safe that match no allocation, as seen on chain at final depth."));
    }

    private static Section Safe(MonthlyReport report)
    {
        if (report.SafeSnapshot is not { } snapshot)
        {
            return new Section("Safe balances, owners and threshold",
                [Paragraph.Text("Not recorded: the worker has not read the Safe at a final block of this month.")], null, []);
        }

        var table = new TableBuilder().Column("Token").Column("Contract").Column("Balance", true);
        foreach (var balance in snapshot.Balances)
        {
            table.Row(balance.Token, Address(report.Chain, balance.TokenAddress), Exact.Text(balance.Balance));
        }

        var owners = new List<Cell> { $"Owners ({snapshot.Owners.Count}), threshold {snapshot.Threshold}: " };
        for (var i = 0; i < snapshot.Owners.Count; i++)
        {
            owners.Add(Address(report.Chain, snapshot.Owners[i]));
            owners.Add(i < snapshot.Owners.Count - 1 ? ", " : ".");
        }

        return Section.Of(snapshot.IsMonthEnd ? "Safe at the end of the month" : "Safe (month not ended yet)", table.Build("No token is configured."),
            Paragraph.Text(snapshot.Source), new Paragraph(owners));
    }

    private static Bar ProjectBar(string project, decimal sum, string token) => new(project, sum, sum, $"{Exact.Text(sum)} {token}");

    internal static Cell Address(ReportChain chain, string address) => new(address, chain.AddressUrl(address), Code: true);

    internal static Cell Approval(string approvalRef) => Links.Safe(approvalRef) is not null ? new Cell("decision", approvalRef) : approvalRef;

    private static Cell Fiat(decimal? amount, string? currency) => amount is { } value ? $"{Exact.Text(value)} {currency}" : "";

    private static Cell Verification(PaymentVerification verification) => verification.Status switch
    {
        VerificationStatus.Verified => $"Verified at block {verification.CheckedAtBlock}",
        VerificationStatus.Mismatch => $"MISMATCH at block {verification.CheckedAtBlock}: {verification.Detail}",
        _ => "Recorded from a final Transfer log; not re-verified",
    };

    private static string N(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
