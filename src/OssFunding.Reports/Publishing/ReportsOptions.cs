using Microsoft.Extensions.Options;
using Quartz;

namespace OssFunding.Reports.Publishing;

/// <summary><c>Reports</c> section: where and when the monthly report is published.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Folder the previous month's report is written to (one sub-folder per month); empty turns publishing off.</summary>
    public string PublishFolder { get; set; } = "data/reports";

    /// <summary>Quartz cron (UTC): 06:00 on the 1st of each month by default.</summary>
    public string PublishSchedule { get; set; } = "0 0 6 1 * ?";
}

/// <summary>Collects every problem of the <c>Reports</c> section, each naming the key and the bad value.</summary>
internal sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        var problems = new List<string>();
        if (!CronExpression.TryParse(options.PublishSchedule ?? "", out _))
        {
            problems.Add($"Reports:PublishSchedule must be a Quartz cron expression such as \"0 0 6 1 * ?\" (was \"{options.PublishSchedule}\")");
        }

        if (!string.IsNullOrEmpty(options.PublishFolder) && options.PublishFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add($"Reports:PublishFolder is not a valid path (was \"{options.PublishFolder}\")");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
