using Microsoft.Extensions.Options;
using OssFunding.Chain.Prices;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// <c>Prices</c>: each pair is <c>BASE_QUOTE</c> with exactly one on-chain source (a feed: checksummed
/// <c>Address</c> and a positive <c>MaxAge</c>; or a pool: checksummed <c>Pool</c> and a whole-second <c>Window</c>),
/// the sequencer feed checksummed when set, and the rate table file readable with every row valid (problems name the
/// line and column) and serving no pair an on-chain source already serves. Whether a pool holds the pair's base
/// token is a chain fact, checked when a price is read.
/// </summary>
internal sealed class PricesOptionsValidator : IValidateOptions<PricesOptions>
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, PricesOptions options)
    {
        var problems = new ConfigProblems();
        var pairs = new HashSet<PricePair>();
        foreach ((string key, PriceSourceOptions source) in options.Pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var pair = CheckPair(problems, key, source);
            if (pair is not null && (pairs.Contains(pair) || pairs.Contains(pair.Reversed)))
            {
                problems.Add($"Prices:Pairs:{key}", $"{pair} is configured twice (once the other way round)");
            }
            else if (pair is not null)
            {
                pairs.Add(pair);
            }
        }

        if (!string.IsNullOrEmpty(options.SequencerUptimeFeed))
        {
            ConfigRules.ChecksumAddress(problems, "Prices:SequencerUptimeFeed", options.SequencerUptimeFeed);
        }

        NotNegative(problems, "Prices:SequencerGracePeriod", options.SequencerGracePeriod);
        ConfigRules.Positive(problems, "Prices:RateTableMaxAge", options.RateTableMaxAge);
        if (options.MaxDriftPercent is <= 0 or > 100)
        {
            problems.Add("Prices:MaxDriftPercent", "must be above 0 and at most 100", options.MaxDriftPercent);
        }

        CheckRateTable(problems, options.RateTable, pairs);
        return problems.ToResult();
    }

    private static PricePair? CheckPair(ConfigProblems problems, string key, PriceSourceOptions source)
    {
        string at = $"Prices:Pairs:{key}";
        var pair = key.Contains('/', StringComparison.Ordinal) ? null : PricePair.TryParse(key);
        if (pair is null)
        {
            problems.Add(at, "the key must be BASE_QUOTE with two different symbols of letters and digits, e.g. ETH_USD", key);
        }

        bool feed = !string.IsNullOrEmpty(source.Address);
        bool pool = !string.IsNullOrEmpty(source.Pool);
        if (feed == pool)
        {
            problems.Add(at, feed
                ? "has both Address (a Chainlink feed) and Pool (a Uniswap v3 pool): one source per pair"
                : "needs a source: Address + MaxAge (a Chainlink feed) or Pool + Window (a Uniswap v3 pool)");
            return pair;
        }

        if (feed)
        {
            ConfigRules.ChecksumAddress(problems, $"{at}:Address", source.Address);
            ConfigRules.Positive(problems, $"{at}:MaxAge", source.MaxAge);
            return pair;
        }

        ConfigRules.ChecksumAddress(problems, $"{at}:Pool", source.Pool);
        if (source.Window <= TimeSpan.Zero || source.Window > MaxWindow || source.Window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"{at}:Window", $"must be a whole number of seconds between 00:00:01 and {MaxWindow:c}", source.Window);
        }

        return pair;
    }

    private static void CheckRateTable(ConfigProblems problems, string path, HashSet<PricePair> onChain)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var (table, tableProblems) = RateTable.Load(path);
        foreach (string problem in tableProblems)
        {
            problems.Add("Prices:RateTable", problem);
        }

        foreach (var pair in table?.Pairs.Where(p => onChain.Contains(p) || onChain.Contains(p.Reversed)) ?? [])
        {
            problems.Add("Prices:RateTable", $"{path} has {pair} rates, but Prices:Pairs serves {pair} on-chain: one source per pair");
        }
    }

    private static void NotNegative(ConfigProblems problems, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            problems.Add(key, "must not be negative", value);
        }
    }
}
