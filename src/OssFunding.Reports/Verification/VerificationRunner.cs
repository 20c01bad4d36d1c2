using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Reports.Building;
using OssFunding.Reports.ChainFacts;
using OssFunding.Reports.Ledger;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Verification;

/// <summary>
/// <c>verify</c>: checks a month's recorded on-chain payments against the chain and records each verdict in the ledger
/// (reports show them), or checks the payments of a published JSON report without any ledger.
/// </summary>
public sealed class VerificationRunner(
    LedgerDatabase database,
    ChainFactsRecorder facts,
    PaymentVerifier verifier,
    ReportSettings settings,
    IOptions<ChainOptions> chainOptions,
    TimeProvider clock,
    ILogger<VerificationRunner> logger)
{
    /// <summary>
    /// The payments dated in <paramref name="period"/>, plus any whose block time could not be recorded (their block may
    /// be gone: they are checked rather than left out).
    /// </summary>
    public async Task<VerificationResult> VerifyMonthAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await facts.RecordAsync(cancellationToken);
        IReadOnlyList<PaymentFact> payments;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            payments = await ReportLedger.OnChainPaymentsAsync(connection);
        }

        var targets = payments
            .Where(p => p.BlockTime is null || period.Contains(LedgerDates.Parse(p.BlockTime)))
            .Select(ToTarget)
            .ToList();
        var result = await verifier.VerifyAsync(settings.Safe, targets, cancellationToken);
        await SaveAsync(result, cancellationToken);
        logger.LogInformation("Verified {Count} payments of {Period} at block {BlockNumber}: {Mismatches} mismatches",
            result.Verdicts.Count, period.Text, result.HeadBlock, result.Mismatches);
        return result;
    }

    /// <exception cref="ReportInputException">The report is for another chain than <c>Chain:ChainId</c>.</exception>
    public Task<VerificationResult> VerifyReportAsync(MonthlyReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Chain.ChainId != chainOptions.Value.ChainId)
        {
            throw new ReportInputException(
                $"The report is for chain {report.Chain.ChainId} but Chain:ChainId is {chainOptions.Value.ChainId}: point Chain:RpcUrls at that chain and set Chain:ChainId.");
        }

        var tokens = report.Chain.Tokens.ToDictionary(t => t.Symbol, StringComparer.Ordinal);
        var targets = report.Payments.Select(p => new VerificationTarget(
            p.PaymentId, p.AllocationId, p.Project, p.Token, tokens.GetValueOrDefault(p.Token)?.Address, tokens.GetValueOrDefault(p.Token)?.Decimals,
            p.Recipient, p.Amount, p.TxHash, p.BlockNumber, p.BlockHash, p.LogIndex)).ToList();
        return verifier.VerifyAsync(report.Chain.Safe, targets, cancellationToken);
    }

    private VerificationTarget ToTarget(PaymentFact payment)
    {
        var token = settings.Chain.Tokens.FirstOrDefault(t => t.Symbol == payment.Token);
        return new VerificationTarget(payment.Id, payment.AllocationId, payment.Project, payment.Token, token?.Address, token?.Decimals,
            payment.Recipient, ExactDecimal.FromStored(payment.Amount), payment.TxHash, payment.BlockNumber, payment.BlockHash, payment.LogIndex);
    }

    private Task<int> SaveAsync(VerificationResult result, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var at = LedgerTime.ToStored(clock.GetUtcNow());
            foreach (var verdict in result.Verdicts)
            {
                // The payment may have been rewound by a reorg since it was read; then there is nothing to annotate.
                await connection.ExecuteAsync(
                    """
                    INSERT INTO payment_verifications (payment_id, verdict, detail, checked_at_block, checked_at)
                    SELECT id, @verdict, @detail, @block, @at FROM payments WHERE id = @id
                    ON CONFLICT (payment_id) DO UPDATE SET verdict = excluded.verdict, detail = excluded.detail,
                        checked_at_block = excluded.checked_at_block, checked_at = excluded.checked_at
                    """,
                    new
                    {
                        id = verdict.Target.PaymentId,
                        verdict = verdict.Matches ? VerificationStatus.Verified : VerificationStatus.Mismatch,
                        detail = verdict.Matches ? $"{verdict.Confirmations} confirmations" : string.Join("; ", verdict.Problems),
                        block = result.HeadBlock,
                        at,
                    },
                    transaction);
            }

            await transaction.CommitAsync(cancellationToken);
            return result.Verdicts.Count;
        }, cancellationToken);
}
