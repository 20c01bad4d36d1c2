using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Signers;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Reports.Publishing;
using OssFunding.Safe.Transactions;
using OssFunding.Worker.ResponseHeaders;

namespace OssFunding.Worker.Pages;

/// <summary>
/// The worker's own pages (SPEC §7): <c>GET /</c> (index), <c>GET /sign/{safeTxHash}</c> (signer page) and the page
/// files <c>GET /assets/pages.css</c> and <c>GET /assets/signer.js</c>. Each page endpoint declares what its pages may load
/// (<see cref="ContentSecurityPolicy"/>); the response-headers middleware writes it. Outside <c>/api</c>: a signer's browser carries no token; the page only reads,
/// and the signature it posts authenticates itself.
/// </summary>
internal static partial class PageEndpoints
{
    public static WebApplication MapWorkerPages(this WebApplication app)
    {
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], IndexAsync).WithMetadata(ContentSecurityPolicy.Page);
        app.MapMethods("/sign/{safeTxHash}", [HttpMethods.Get, HttpMethods.Head], SignerPageAsync).WithMetadata(ContentSecurityPolicy.SignerPage);
        app.MapMethods(PageLayout.StylesheetPath, [HttpMethods.Get, HttpMethods.Head], () => Results.Text(PageAssets.Css, "text/css; charset=utf-8"));
        app.MapMethods(PageLayout.SignerScriptPath, [HttpMethods.Get, HttpMethods.Head], () => Results.Text(PageAssets.SignerScript, "text/javascript; charset=utf-8"));
        return app;
    }

    private static async Task<IResult> SignerPageAsync(string safeTxHash, TransactionReviews reviews, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!SafeTxHashText.IsWellFormed(safeTxHash))
        {
            return PageResponse.Html(StatusCodes.Status400BadRequest,
                IndexPageHtml.Problem("Not a transaction hash", $"\"{safeTxHash}\" is not a SafeTx hash: 0x followed by 64 hex digits. Check the link you followed."));
        }

        if (await reviews.GetAsync(safeTxHash, cancellationToken) is not { } review)
        {
            return PageResponse.Html(StatusCodes.Status404NotFound,
                IndexPageHtml.Problem("Unknown transaction", $"No Safe transaction {safeTxHash.ToLowerInvariant()} is known to this worker."));
        }

        SignerDirectory? signers = services.GetService<SignerDirectory>();
        return PageResponse.Html(StatusCodes.Status200OK, SignerPageHtml.Render(review, owner => signers?.Find(owner)?.Name));
    }

    private static async Task<IResult> IndexAsync(
        TransactionQueries transactions, IOptions<SafeOptions> safe, IOptions<ChainOptions> chain, IOptions<ApiOptions> api,
        IOptions<ReportsOptions> reports, CancellationToken cancellationToken)
    {
        IReadOnlyList<TransactionView>? pending = null;
        if (api.Value.ReadToken.Length == 0)
        {
            pending = (await transactions.ListAsync(null, cancellationToken))
                .Where(tx => TransactionStatuses.Pending.Contains(tx.Status)).OrderBy(tx => tx.Nonce).ToList();
        }

        return PageResponse.Html(StatusCodes.Status200OK,
            IndexPageHtml.Render(safe.Value.Address, chain.Value.ChainId, pending, PublishedPeriods(reports.Value.PublishFolder)));
    }

    /// <summary>Months with a published report (folders YYYY-MM under Reports:PublishFolder), newest first.</summary>
    private static List<string> PublishedPeriods(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(name => PeriodPattern().IsMatch(name) && File.Exists(Path.Combine(folder, name, $"report-{name}.json")))
            .OrderDescending(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
