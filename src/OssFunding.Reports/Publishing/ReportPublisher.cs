using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Reports.Building;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Verification;

namespace OssFunding.Reports.Publishing;

public sealed record PublishedFile(string Format, string Path, string Sha256);

public sealed record PublishOutcome(string Period, IReadOnlyList<PublishedFile> Files, bool NoticeWritten);

/// <summary>
/// Publishes a month: verifies its payments on chain (best effort, so the report carries fresh verdicts), writes the
/// report in every format to <c>Reports:PublishFolder/YYYY-MM/</c> (each file replaced atomically), then writes a
/// ReportPublished notice to the outbox. The notice is once per content: publishing the same bytes again (a retry,
/// a restart) does not notify twice; a report that changed does.
/// </summary>
public sealed class ReportPublisher(
    ReportService reports,
    VerificationRunner verification,
    LedgerDatabase database,
    NoticeOutbox outbox,
    IOptions<ReportsOptions> options,
    ILogger<ReportPublisher> logger)
{
    public bool IsEnabled => !string.IsNullOrWhiteSpace(options.Value.PublishFolder);

    public async Task<PublishOutcome> PublishAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!IsEnabled)
        {
            throw new InvalidOperationException("Reports:PublishFolder is empty: publishing is off.");
        }

        await VerifyAsync(period, cancellationToken);
        var report = await reports.MonthlyAsync(period, cancellationToken);
        var folder = Path.GetFullPath(Path.Combine(options.Value.PublishFolder, period.Text));
        Directory.CreateDirectory(folder);
        var files = new List<PublishedFile>();
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var bytes = Encoding.UTF8.GetBytes(ReportRenderer.Render(report, format));
            var path = Path.Combine(folder, $"report-{period.Text}.{ReportRenderer.Extension(format)}");
            await WriteAtomicallyAsync(path, bytes, cancellationToken);
            files.Add(new PublishedFile(ReportRenderer.Extension(format), path, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }

        var summary = $"Report {period.Text} published: {report.Payments.Count} on-chain and {report.OffChainPayments.Count} off-chain payments, " +
                      $"{report.Verification.Verified}/{report.Verification.OnChainPayments} verified on chain, {report.UnplannedOutflows.Count} unplanned outflows.";
        var payload = new JsonObject
        {
            ["summary"] = summary,
            ["period"] = period.Text,
            ["folder"] = folder,
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["format"] = f.Format, ["path"] = f.Path, ["sha256"] = f.Sha256 })]),
            ["totals"] = new JsonArray([.. report.Totals.Select(t => (JsonNode)new JsonObject
            {
                ["token"] = t.Token, ["paidOnChain"] = Exact.Text(t.PaidOnChain), ["paidOffChain"] = Exact.Text(t.PaidOffChain),
            })]),
        };
        var jsonHash = files.First(f => f.Format == "json").Sha256;
        var written = await database.WriteAsync(async (_, transaction) =>
        {
            var added = await outbox.AddAsync(transaction, NoticeKind.ReportPublished, null, payload, $"report-published:{period.Text}:{jsonHash}");
            await transaction.CommitAsync(cancellationToken);
            return added;
        }, cancellationToken);
        logger.LogInformation("Published report {Period} to {Folder} ({Files} files, notice {NoticeWritten})", period.Text, folder, files.Count, written);
        return new PublishOutcome(period.Text, files, written);
    }

    private async Task VerifyAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        try
        {
            await verification.VerifyMonthAsync(period, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not verify the payments of {Period} before publishing; the report shows their last verdicts", period.Text);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
