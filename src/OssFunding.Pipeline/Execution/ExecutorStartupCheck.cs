using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Chain;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// With <c>Execution:Mode=Executor</c>: the key can be read, it is not an owner of the Safe (SPEC §2.4: the worker never
/// holds an owner key), and the account has ether for gas. One line per problem, naming the setting.
/// </summary>
public sealed class ExecutorStartupCheck(IOptions<ExecutionOptions> options, SafeChainReader safe, ExecutionChain chain) : IStartupCheck
{
    public async Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode != ExecutionMode.Executor)
        {
            return [];
        }

        ExecutorKey key;
        try
        {
            key = ExecutorKey.Load(options.Value);
        }
        catch (ExecutorKeyException exception)
        {
            return [exception.Message];
        }

        var problems = new List<string>();
        try
        {
            var state = await safe.ReadSafeAsync(cancellationToken);
            if (state.Owners.Contains(key.Address, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{key.Source}: the executor account {key.Address} is an owner of Safe {safe.Safe}; the worker never holds an owner key. Use an account that is not an owner: it only pays gas for transactions the owners signed.");
            }

            if (await chain.BalanceAsync(key.Address, cancellationToken) == 0)
            {
                problems.Add($"{key.Source}: the executor account {key.Address} has no ether to pay gas; fund it or set Execution:Mode=None.");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            problems.Add($"Execution:Mode: cannot check the executor account {key.Address} against the Safe's owners: {exception.Message}");
        }

        return problems;
    }
}
