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

        return problems.ToResult();
    }
}
