using System.CommandLine;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;
using OssFunding.Reports;
using OssFunding.Reports.Building;
using OssFunding.Reports.Model;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Verification;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>report YYYY-MM</c>, <c>annual-report CYCLE</c> (to stdout or <c>--out FILE</c>), <c>verify YYYY-MM</c> /
/// <c>verify --report FILE</c> (exit 0 all match, 1 a mismatch or bad input, 2 the chain could not be read) and
/// <c>reports publish YYYY-MM</c> (what the monthly job does, on demand).
/// </summary>
internal static class ReportCommands
{
    public static void AddTo(RootCommand root)
    {
        var period = new Argument<string>("YYYY-MM") { Description = "The month (UTC)." };
        var (format, output) = (FormatOption(), OutOption());
        var report = new Command("report", "Write a month's transparency report: budget, payments with verification, pending, cancelled, off-chain, unplanned outflows, Safe balances.")
            { period, format, output };
        report.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, (services, ct) => MonthlyAsync(services,
            parse.GetRequiredValue(period), parse.GetValue(format)!, parse.GetValue(output), ct), token));
        root.Subcommands.Add(report);

        var cycle = new Argument<string>("CYCLE") { Description = "A budget cycle name (Budget:Cycles:N:Name)." };
        var (annualFormat, annualOutput) = (FormatOption(), OutOption());
        var annual = new Command("annual-report", "Write a budget cycle's report: category use against the split, per-project and per-month totals, reserve left.")
            { cycle, annualFormat, annualOutput };
        annual.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, (services, ct) => AnnualAsync(services,
            parse.GetRequiredValue(cycle), parse.GetValue(annualFormat)!, parse.GetValue(annualOutput), ct), token));
        root.Subcommands.Add(annual);

        var verifyPeriod = new Argument<string?>("YYYY-MM") { Description = "The month whose recorded payments to re-check.", Arity = ArgumentArity.ZeroOrOne };
        var reportFile = new Option<FileInfo?>("--report") { Description = "Check the payments of a published JSON report instead of the ledger." };
        var verify = new Command("verify", "Re-check recorded payments against the chain: receipt, Transfer log (token, from the Safe, to, amount), block still canonical.")
            { verifyPeriod, reportFile };
        verify.SetAction((parse, token) =>
        {
            var (month, file) = (parse.GetValue(verifyPeriod), parse.GetValue(reportFile));
            if ((month is null) == (file is null))
            {
                Console.Error.WriteLine("verify needs either a month (verify 2025-01) or a published report (verify --report FILE), not both.");
                return Task.FromResult(ExitCodes.BadInput);
            }

            return file is null
                ? CommandRunner.RunAsync(parse, true, (services, ct) => VerifyMonthAsync(services, month!, ct), token)
                : CommandRunner.RunAsync(parse, false, (services, ct) => VerifyReportAsync(services, file, ct), token);
        });
        root.Subcommands.Add(verify);

        var publishPeriod = new Argument<string>("YYYY-MM") { Description = "The month to publish." };
        var publish = new Command("publish", "Verify a month, write its report in every format to Reports:PublishFolder and notify.") { publishPeriod };
        publish.SetAction((parse, token) => CommandRunner.RunAsync(parse, true, (services, ct) => PublishAsync(services, parse.GetRequiredValue(publishPeriod), ct), token));
        root.Subcommands.Add(new Command("reports", "Report publishing.") { publish });
    }

    private static Option<string> FormatOption() => new("--format") { Description = $"Output format: {ReportRenderer.FormatNames}.", DefaultValueFactory = _ => "md" };

    private static Option<FileInfo?> OutOption() => new("--out") { Description = "Write to this file instead of standard output." };

    private static async Task<int> MonthlyAsync(IServiceProvider services, string month, string formatName, FileInfo? output, CancellationToken cancellationToken)
    {
        if (ParsePeriod(month) is not { } period || ParseFormat(formatName) is not { } format)
        {
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        return await WriteAsync(async () => ReportRenderer.Render(
            await services.GetRequiredService<ReportService>().MonthlyAsync(period, cancellationToken), format), output, cancellationToken);
    }

    private static async Task<int> AnnualAsync(IServiceProvider services, string cycle, string formatName, FileInfo? output, CancellationToken cancellationToken)
    {
        if (ParseFormat(formatName) is not { } format)
        {
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        return await WriteAsync(async () => ReportRenderer.Render(
            await services.GetRequiredService<ReportService>().AnnualAsync(cycle, cancellationToken), format), output, cancellationToken);
    }

    private static async Task<int> WriteAsync(Func<Task<string>> render, FileInfo? output, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await render();
        }
        catch (ReportInputException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (output is null)
        {
            await Console.Out.WriteAsync(text);
            return ExitCodes.Done;
        }

        await File.WriteAllTextAsync(output.FullName, text, new UTF8Encoding(false), cancellationToken);
        await Console.Error.WriteLineAsync($"wrote {output.FullName}");
        return ExitCodes.Done;
    }

    private static async Task<int> VerifyMonthAsync(IServiceProvider services, string month, CancellationToken cancellationToken)
    {
        if (ParsePeriod(month) is not { } period)
        {
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        var result = await services.GetRequiredService<VerificationRunner>().VerifyMonthAsync(period, cancellationToken);
        await Console.Out.WriteAsync(VerificationText.Format(period.Text, result));
        return result.AllMatch ? ExitCodes.Done : ExitCodes.BadInput;
    }

    private static async Task<int> VerifyReportAsync(IServiceProvider services, FileInfo file, CancellationToken cancellationToken)
    {
        MonthlyReport report;
        try
        {
            report = ReportJson.ReadMonthly(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            await Console.Error.WriteLineAsync($"error: cannot read the report '{file.FullName}': {e.Message}");
            return ExitCodes.BadInput;
        }

        VerificationResult result;
        try
        {
            result = await services.GetRequiredService<VerificationRunner>().VerifyReportAsync(report, cancellationToken);
        }
        catch (ReportInputException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        await Console.Out.WriteAsync(VerificationText.Format($"report {report.Period} ({file.Name})", result));
        return result.AllMatch ? ExitCodes.Done : ExitCodes.BadInput;
    }

    private static async Task<int> PublishAsync(IServiceProvider services, string month, CancellationToken cancellationToken)
    {
        if (ParsePeriod(month) is not { } period)
        {
            return ExitCodes.BadInput;
        }

        await services.GetRequiredService<ILedgerMigrator>().MigrateAsync(cancellationToken);
        try
        {
            var outcome = await services.GetRequiredService<ReportPublisher>().PublishAsync(period, cancellationToken);
            foreach (var file in outcome.Files)
            {
                Console.WriteLine($"{file.Path}  sha256 {file.Sha256}");
            }

            Console.WriteLine(outcome.NoticeWritten ? "notice ReportPublished written" : "same report already published: no new notice");
            return ExitCodes.Done;
        }
        catch (ReportInputException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static ReportPeriod? ParsePeriod(string text)
    {
        var period = ReportPeriod.TryParse(text);
        if (period is null)
        {
            Console.Error.WriteLine($"error: '{text}' is not a month written YYYY-MM");
        }

        return period;
    }

    private static ReportFormat? ParseFormat(string name)
    {
        var format = ReportRenderer.ParseFormat(name);
        if (format is null)
        {
            Console.Error.WriteLine($"error: --format '{name}' is not one of {ReportRenderer.FormatNames}");
        }

        return format;
    }
}
