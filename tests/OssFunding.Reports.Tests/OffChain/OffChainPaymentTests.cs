using OssFunding.Core.Allocations;
using OssFunding.Core.Budget;
using OssFunding.Reports.OffChain;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Tests.Support;

namespace OssFunding.Reports.Tests.OffChain;

[Collection(ReportsCollection.Name)]
public sealed class OffChainPaymentTests(ReportsWorld world)
{
    [Fact]
    public async Task Recording_marks_the_allocation_and_counts_as_paid()
    {
        await using var host = await world.StartHostAsync();
        var outcome = await host.Get<OffChainPayments>().RecordAsync(
            new OffChainPaymentRequest("2025-01-pending", "WIRE 99", "https://bank.example/99", null), CancellationToken.None);

        Assert.Equal(OffChainResult.Recorded, outcome.Result);
        Assert.Equal(("offchain:2025-01-pending", "2025-01-20", 7.25m), (outcome.Payment!.PaymentId, outcome.Payment.Date, outcome.Payment.Amount));
        Assert.Equal(AllocationStatus.PaidOffChain, (await host.Get<IAllocationStore>().GetAsync("2025-01-pending", CancellationToken.None))!.Status);
        Assert.Equal("OffChain", await host.ScalarAsync<string>("SELECT kind FROM payments WHERE allocation_id = '2025-01-pending'"));
        var reserve = (await host.Get<IBudgetQueries>().GetUsageAsync("2025", CancellationToken.None)).Single(l => l.Category == "reserve");
        Assert.Equal(7.25m, reserve.Paid);

        var report = await host.Get<ReportService>().MonthlyAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);
        Assert.Equal(["2025-01-offchain", "2025-01-pending"], report.OffChainPayments.Select(p => p.AllocationId));
        Assert.Empty(report.PendingAllocations);
        Assert.Equal(7.25m, report.Budget.Single(b => b.Category == "reserve").Paid);
    }

    public static TheoryData<string, string, string, string?, OffChainResult, string> Refusals => new()
    {
        { "no-such-allocation", "REF", "https://bank.example/1", null, OffChainResult.NotFound, "No allocation with id \"no-such-allocation\"" },
        { "2025-01-ffmpeg", "REF", "https://bank.example/1", null, OffChainResult.NotApproved, "is Paid; only an Approved allocation" },
        { "2025-01-offchain", "REF", "https://bank.example/1", null, OffChainResult.NotApproved, "is PaidOffChain" },
        { "2025-01-cancelled", "REF", "https://bank.example/1", null, OffChainResult.NotApproved, "is Cancelled" },
        { "2025-01-pending", "", "https://bank.example/1", null, OffChainResult.Invalid, "reference: 1 to 200 characters" },
        { "2025-01-pending", "line\nbreak", "https://bank.example/1", null, OffChainResult.Invalid, "reference:" },
        { "2025-01-pending", "REF", "javascript:alert(1)", null, OffChainResult.Invalid, "evidence: 'javascript:alert(1)' must be an absolute https:// URL: the scheme 'javascript:' is not allowed" },
        { "2025-01-pending", "REF", "http://bank.example/1", null, OffChainResult.Invalid, "the scheme 'http:' is not allowed (http is accepted only with Links:AllowHttp)" },
        { "2025-01-pending", "REF\u200B", "https://bank.example/1", null, OffChainResult.Invalid, "reference: character 4 is U+200B ZERO WIDTH SPACE, which is not allowed" },
        { "2025-01-pending", "REF", "bank statement", null, OffChainResult.Invalid, "(was \"bank statement\")" },
        { "2025-01-pending", "REF", "https://bank.example/1", "15/01/2025", OffChainResult.Invalid, "date: \"15/01/2025\" is not a date written YYYY-MM-DD" },
        { "2025-01-pending", "REF", "https://bank.example/1", "2025-02-30", OffChainResult.Invalid, "is not a date" },
        { "2025-01-pending", "REF", "https://bank.example/1", "2025-01-21", OffChainResult.Invalid, "date: 2025-01-21 is in the future (today is 2025-01-20 UTC)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_requests_are_refused_and_change_nothing(
        string allocationId, string reference, string evidence, string? date, OffChainResult expected, string message)
    {
        await using var host = await world.StartHostAsync();
        var before = await host.DumpPaymentStateAsync();

        var outcome = await host.Get<OffChainPayments>().RecordAsync(new OffChainPaymentRequest(allocationId, reference, evidence, date), CancellationToken.None);

        Assert.Equal(expected, outcome.Result);
        Assert.Contains(message, outcome.Message, StringComparison.Ordinal);
        Assert.Null(outcome.Payment);
        Assert.Equal(before, await host.DumpPaymentStateAsync());
    }

    [Fact]
    public async Task A_queued_allocation_cannot_be_paid_off_chain()
    {
        await using var host = await world.StartHostAsync();
        await host.ExecuteAsync("UPDATE allocations SET status = 'Queued' WHERE id = '2025-01-pending'");
        var before = await host.DumpPaymentStateAsync();

        var outcome = await host.Get<OffChainPayments>().RecordAsync(
            new OffChainPaymentRequest("2025-01-pending", "REF", "https://bank.example/1", null), CancellationToken.None);

        Assert.Equal(OffChainResult.NotApproved, outcome.Result);
        Assert.Contains("is Queued", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(before, await host.DumpPaymentStateAsync());
    }

    [Fact]
    public async Task An_off_chain_payment_is_never_drafted()
    {
        await using var host = await world.StartHostAsync();
        await host.Get<OffChainPayments>().RecordAsync(
            new OffChainPaymentRequest("2025-01-pending", "REF", "https://bank.example/1", "2025-01-19"), CancellationToken.None);
        var draft = await host.Get<Pipeline.Drafting.Drafter>().DraftAsync(CancellationToken.None);
        Assert.NotEqual(Pipeline.Drafting.DraftResult.Drafted, draft.Result);
        Assert.Equal(0, await host.ScalarAsync<long>("SELECT COUNT(*) FROM transaction_allocations WHERE allocation_id = '2025-01-pending'"));
    }
}
