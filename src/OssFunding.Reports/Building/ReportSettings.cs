using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Chain;
using OssFunding.Reports.Model;
using OssFunding.Safe.Transactions;

namespace OssFunding.Reports.Building;

/// <summary>The configuration a report states about itself: chain, explorer, Safe and tokens (sorted by symbol).</summary>
public sealed class ReportSettings(IOptions<ChainOptions> chain, IOptions<SafeOptions> safe, IOptions<TokensOptions> tokens)
{
    public string Safe { get; } = EthAddress.Normalize(safe.Value.Address, "Safe:Address");

    public ReportChain Chain { get; } = new(
        chain.Value.ChainId,
        chain.Value.ExplorerUrl,
        EthAddress.Normalize(safe.Value.Address, "Safe:Address"),
        tokens.Value.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new ReportToken(pair.Key, EthAddress.Normalize(pair.Value.Address, $"Tokens:{pair.Key}:Address"), pair.Value.Decimals))
            .ToList());

    public TokenUnits Units { get; } = new(tokens.Value);
}
