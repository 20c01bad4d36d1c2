using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

internal sealed class ExecutionOptionsValidator : IValidateOptions<ExecutionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options)
    {
        var problems = new ConfigProblems();
        switch (options.Mode)
        {
            case ExecutionMode.None:
                KeySourceRules.Unused(problems, "Execution:ExecutorKeyFile", options.ExecutorKeyFile, "Execution:Mode is Executor");
                KeySourceRules.Unused(problems, "Execution:ExecutorKeyEnv", options.ExecutorKeyEnv, "Execution:Mode is Executor");
                break;
            case ExecutionMode.Executor:
                KeySourceRules.Required(
                    problems, "Execution:ExecutorKeyFile", options.ExecutorKeyFile, "Execution:ExecutorKeyEnv", options.ExecutorKeyEnv, "Executor");
                break;
            default:
                problems.Add("Execution:Mode", "must be None or Executor", options.Mode.ToString());
                break;
        }

        if (options.GasLimitMargin < 1m || options.GasLimitMargin > 3m)
        {
            problems.Add("Execution:GasLimitMargin", "must be between 1 and 3", options.GasLimitMargin);
        }

        if (options.ReplaceAfter < TimeSpan.FromSeconds(10) || options.ReplaceAfter > TimeSpan.FromHours(1))
        {
            problems.Add("Execution:ReplaceAfter", "must be between 00:00:10 and 01:00:00", options.ReplaceAfter);
        }

        if (options.MaxFeePerGasGwei <= 0m || options.MaxFeePerGasGwei > 10_000m || options.MaxFeePerGasGwei.Scale > 9)
        {
            problems.Add("Execution:MaxFeePerGasGwei", "must be more than 0 and at most 10000 gwei, with at most 9 decimals (1 wei)", options.MaxFeePerGasGwei);
        }

        return problems.ToResult();
    }
}
