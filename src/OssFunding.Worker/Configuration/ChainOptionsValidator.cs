using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// Local checks of <c>Chain</c>. That the RPC answers with this chain id is checked against the chain at start
/// (see <see cref="IStartupCheck"/>), not here.
/// </summary>
internal sealed class ChainOptionsValidator : IValidateOptions<ChainOptions>
{
    public ValidateOptionsResult Validate(string? name, ChainOptions options)
    {
        var problems = new ConfigProblems();
        ConfigRules.Range(problems, "Chain:ChainId", options.ChainId, 1, long.MaxValue);
        if (options.RpcUrls.Count == 0)
        {
            problems.Add("Chain:RpcUrls", "at least one RPC URL is required");
        }

        for (int i = 0; i < options.RpcUrls.Count; i++)
        {
            // RPC URLs often embed a provider key in the path: never repeat them.
            ConfigRules.AbsoluteUrl(problems, $"Chain:RpcUrls:{i}", options.RpcUrls[i], secret: true, "http", "https", "ws", "wss");
        }

        if (!Enum.IsDefined(options.Finality))
        {
            problems.Add("Chain:Finality", "must be Confirmations, Safe or Finalized", options.Finality.ToString());
        }

        ConfigRules.Range(problems, "Chain:Confirmations", options.Confirmations, 0, 10_000);
        ConfigRules.Positive(problems, "Chain:PollInterval", options.PollInterval);
        ConfigRules.Range(problems, "Chain:MaxBlockRange", options.MaxBlockRange, 1, 1_000_000);
        ConfigRules.Range(problems, "Chain:CatchUpMaxBlockRange", options.CatchUpMaxBlockRange, 1, 10_000_000);
        if (!(options.MaxRequestsPerSecond >= 0 && options.MaxRequestsPerSecond <= 100_000))
        {
            problems.Add("Chain:MaxRequestsPerSecond", "must be 0 (no limit) … 100000", options.MaxRequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        ConfigRules.Range(problems, "Chain:StartBlock", options.StartBlock, 0, long.MaxValue);
        ConfigRules.AbsoluteUrl(problems, "Chain:ExplorerUrl", options.ExplorerUrl);
        ConfigRules.Positive(problems, "Chain:MaxWatcherLag", options.MaxWatcherLag);
        return problems.ToResult();
    }
}
