using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using Quartz;

namespace OssFunding.Worker.Configuration;

internal sealed class DraftingOptionsValidator : IValidateOptions<DraftingOptions>
{
    public ValidateOptionsResult Validate(string? name, DraftingOptions options)
    {
        var problems = new ConfigProblems();
        // A MultiSend of a few hundred ERC-20 transfers already approaches Arbitrum's block gas; 500 is a hard ceiling.
        ConfigRules.Range(problems, "Drafting:MaxPaymentsPerTransaction", options.MaxPaymentsPerTransaction, 1, 500);
        ConfigRules.Range(problems, "Drafting:MaxLiveTransactions", options.MaxLiveTransactions, 1, 100);
        if (!CronExpression.TryParse(options.Schedule, out CronExpression? schedule))
        {
            problems.Add("Drafting:Schedule", "must be a Quartz cron expression such as \"0 0 * * * ?\" (hourly)", options.Schedule);
        }
        else if (schedule.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
        {
            problems.Add("Drafting:Schedule", "never fires again", options.Schedule);
        }

        return problems.ToResult();
    }
}
