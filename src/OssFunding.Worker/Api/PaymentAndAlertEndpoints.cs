using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Worker.Api;

/// <summary><c>GET /api/payments?period=YYYY-MM</c> (recorded payments) and <c>GET /api/alerts</c> (recent notices).</summary>
internal static partial class PaymentAndAlertEndpoints
{
    private const int DefaultAlertLimit = 100;

    public static RouteGroupBuilder MapPaymentAndAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/payments", PaymentsAsync);
        api.MapGet("/alerts", AlertsAsync);
        return api;
    }

    /// <summary>Every pipeline endpoint: transactions, payments, alerts.</summary>
    public static RouteGroupBuilder MapPipelineEndpoints(this RouteGroupBuilder api) =>
        api.MapTransactionEndpoints().MapPaymentAndAlertEndpoints();

    private static async Task<Results<Ok<IReadOnlyList<PaymentView>>, ProblemHttpResult>> PaymentsAsync(
        string? period, TransactionQueries queries, CancellationToken cancellationToken)
    {
        if (period is not null && !PeriodPattern().IsMatch(period))
        {
            return Problems.BadRequest($"period must be a month written YYYY-MM (was \"{period}\").");
        }

        return TypedResults.Ok(await queries.ListPaymentsAsync(period, cancellationToken));
    }

    /// <param name="all">Every notice (signer events too), not only alerts.</param>
    private static async Task<Results<Ok<IReadOnlyList<NoticeView>>, ProblemHttpResult>> AlertsAsync(
        bool? all, int? limit, string? safeTxHash, NoticeQueries notices, CancellationToken cancellationToken)
    {
        var count = limit ?? DefaultAlertLimit;
        if (count is < 1 or > NoticeQueries.MaxLimit)
        {
            return Problems.BadRequest($"limit must be between 1 and {NoticeQueries.MaxLimit} (was {count}).");
        }

        if (safeTxHash is not null && !SafeTxHashText.IsWellFormed(safeTxHash))
        {
            return Problems.BadRequest($"safeTxHash must be {SafeTxHashText.Expected} (was \"{safeTxHash}\").");
        }

        return TypedResults.Ok(await notices.ListAsync(alertsOnly: all != true, safeTxHash?.ToLowerInvariant(), count, cancellationToken));
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
