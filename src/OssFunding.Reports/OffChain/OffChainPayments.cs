using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Allocations;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Links;
using OssFunding.Core.Text;
using OssFunding.Core.Storage;
using OssFunding.Reports.Building;

namespace OssFunding.Reports.OffChain;

/// <param name="Date">Day the payment was made, YYYY-MM-DD (UTC); today when null.</param>
public sealed record OffChainPaymentRequest(string AllocationId, string Reference, string EvidenceUrl, string? Date);

public enum OffChainResult
{
    Recorded,
    /// <summary>The request itself is malformed (see the problems).</summary>
    Invalid,
    NotFound,
    /// <summary>The allocation is not Approved (queued in a Safe transaction, paid, or cancelled).</summary>
    NotApproved,
}

/// <param name="Problems">One line per thing wrong with the request, naming the field.</param>
public sealed record OffChainOutcome(OffChainResult Result, string Message, IReadOnlyList<string> Problems, OffChainPaymentView? Payment);

public sealed record OffChainPaymentView(
    string PaymentId, string AllocationId, string Period, string Project, string Recipient, string Token, decimal Amount,
    string Reference, string EvidenceUrl, string Date);

/// <summary>
/// Records that an approved allocation was paid outside the chain (SPEC §4): a payment of kind OffChain with its reference,
/// evidence link and date, and the allocation PaidOffChain, in one transaction. It then counts as paid in the budget and
/// is never drafted. Bad input and allocations in any other state change nothing.
/// </summary>
public sealed class OffChainPayments(LedgerDatabase database, TimeProvider clock, IOptions<LinksOptions> links, ILogger<OffChainPayments> logger)
{
    public const int MaxReferenceLength = 200;
    public const int MaxUrlLength = 2000;

    public async Task<OffChainOutcome> RecordAsync(OffChainPaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = LedgerDates.Day(clock.GetUtcNow());
        var problems = Validate(request, today, links.Value.AllowHttp);
        if (problems.Count > 0)
        {
            return new OffChainOutcome(OffChainResult.Invalid, $"The off-chain payment was not recorded: {string.Join("; ", problems)}.", problems, null);
        }

        var date = request.Date ?? today;
        var outcome = await database.WriteAsync(async (connection, transaction) =>
        {
            var allocation = await connection.QuerySingleOrDefaultAsync<AllocationToPay>(
                "SELECT id AS Id, period AS Period, project AS Project, recipient AS Recipient, token AS Token, amount AS Amount, status AS Status FROM allocations WHERE id = @id",
                new { id = request.AllocationId }, transaction);
            if (allocation is null)
            {
                return new OffChainOutcome(OffChainResult.NotFound, $"No allocation with id \"{request.AllocationId}\".", [], null);
            }

            // The status guard makes this atomic against a drafter queueing the same allocation at the same moment.
            var changed = await AllocationMoves.MoveAsync(transaction, AllocationStatus.Approved, AllocationStatus.PaidOffChain,
                new AllocationSelection.Ids([allocation.Id]));
            if (changed != 1)
            {
                return new OffChainOutcome(OffChainResult.NotApproved,
                    $"Allocation \"{allocation.Id}\" is {allocation.Status}; only an Approved allocation (not queued in a Safe transaction, paid or cancelled) can be recorded as paid off chain.",
                    [], null);
            }

            var view = new OffChainPaymentView($"offchain:{allocation.Id}", allocation.Id, allocation.Period, allocation.Project,
                allocation.Recipient, allocation.Token, ExactDecimal.FromStored(allocation.Amount), request.Reference.Trim(), request.EvidenceUrl.Trim(), date);
            await InsertAsync(connection, transaction, view);
            await transaction.CommitAsync(cancellationToken);
            return new OffChainOutcome(OffChainResult.Recorded,
                $"Recorded off-chain payment of {ExactDecimal.ToCanonical(view.Amount)} {view.Token} for allocation {view.AllocationId} ({view.Project}) on {date}.",
                [], view);
        }, cancellationToken);
        logger.LogInformation("Off-chain payment for allocation {AllocationId}: {Result}", request.AllocationId, outcome.Result);
        return outcome;
    }

    private async Task InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, OffChainPaymentView view)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO payments (id, allocation_id, kind, token, recipient, amount, safe_tx_hash, tx_hash, block_number, block_hash,
                                  log_index, off_chain_reference, recorded_at)
            VALUES (@PaymentId, @AllocationId, 'OffChain', @Token, @Recipient, @amount, NULL, NULL, NULL, NULL, NULL, @Reference, @now)
            """,
            new { view.PaymentId, view.AllocationId, view.Token, view.Recipient, amount = ExactDecimal.ToCanonical(view.Amount), view.Reference,
                now = LedgerTime.ToStored(clock.GetUtcNow()) },
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO off_chain_payment_details (payment_id, evidence_url, paid_on) VALUES (@PaymentId, @EvidenceUrl, @Date)",
            new { view.PaymentId, view.EvidenceUrl, view.Date }, transaction);
    }

    private static List<string> Validate(OffChainPaymentRequest request, string today, bool allowHttp)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.AllocationId))
        {
            problems.Add("allocation: an allocation id is required");
        }

        var reference = request.Reference?.Trim() ?? "";
        if (reference.Length is 0 or > MaxReferenceLength)
        {
            problems.Add($"reference: 1 to {MaxReferenceLength} characters on one line are required (e.g. the bank transfer reference)");
        }
        else if (HiddenCharacters.Problem(reference) is { } hidden)
        {
            problems.Add($"reference: {hidden}");
        }

        var evidence = request.EvidenceUrl?.Trim() ?? "";
        var linkProblem = evidence.Length > MaxUrlLength ? $"at most {MaxUrlLength} characters" : ExternalLink.Problem(evidence, allowHttp);
        if (linkProblem is not null)
        {
            problems.Add($"evidence: {linkProblem} (was \"{Shorten(DisplayText.Escape(evidence))}\")");
        }

        if (request.Date is { } date)
        {
            if (!DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"date: \"{Shorten(date)}\" is not a date written YYYY-MM-DD");
            }
            else if (string.CompareOrdinal(date, today) > 0)
            {
                problems.Add($"date: {date} is in the future (today is {today} UTC)");
            }
        }

        return problems;
    }

    private sealed class AllocationToPay
    {
        public string Id { get; init; } = "";
        public string Period { get; init; } = "";
        public string Project { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Token { get; init; } = "";
        public string Amount { get; init; } = "";
        public string Status { get; init; } = "";
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
