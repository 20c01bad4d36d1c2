using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// Cycles with valid, non-overlapping periods and caps that are plain positive decimals in a configured token.
/// Tokens are read straight from configuration so a bad token section does not hide budget problems.
/// </summary>
internal sealed partial class BudgetOptionsValidator(IConfiguration configuration) : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        var problems = new ConfigProblems();
        if (options.Cycles.Count == 0)
        {
            problems.Add("Budget:Cycles", "at least one budget cycle is required");
        }

        IReadOnlyDictionary<string, int> tokenDecimals = ConfiguredTokenDecimals();
        var spans = new List<(string Name, int First, int Last)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Cycles.Count; i++)
        {
            BudgetCycleOptions cycle = options.Cycles[i];
            string key = $"Budget:Cycles:{i}";
            if (!CycleNamePattern().IsMatch(cycle.Name))
            {
                problems.Add($"{key}:Name", "must be 1 to 32 letters, digits, '.', '_' or '-'", cycle.Name);
            }
            else if (!names.Add(cycle.Name))
            {
                problems.Add($"{key}:Name", "is used by another cycle", cycle.Name);
            }

            if (ValidSpan(problems, key, cycle) is { } span)
            {
                spans.Add((cycle.Name, span.First, span.Last));
            }

            ValidateCaps(problems, key, cycle, tokenDecimals);
        }

        ReportOverlaps(problems, spans);
        return problems.ToResult();
    }

    private static (int First, int Last)? ValidSpan(ConfigProblems problems, string key, BudgetCycleOptions cycle)
    {
        int? first = ConfigRules.Period(problems, $"{key}:FirstPeriod", cycle.FirstPeriod);
        int? last = ConfigRules.Period(problems, $"{key}:LastPeriod", cycle.LastPeriod);
        if (first is null || last is null)
        {
            return null;
        }

        if (first > last)
        {
            problems.Add($"{key}:LastPeriod", $"must not be before FirstPeriod {cycle.FirstPeriod}", cycle.LastPeriod);
            return null;
        }

        return (first.Value, last.Value);
    }

    private static void ValidateCaps(ConfigProblems problems, string key, BudgetCycleOptions cycle, IReadOnlyDictionary<string, int> tokenDecimals)
    {
        if (cycle.Caps.Count == 0)
        {
            problems.Add($"{key}:Caps", "at least one cap is required (a category and token without a cap has no budget)");
        }

        foreach ((string category, Dictionary<string, string> caps) in cycle.Caps.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!CategoryPattern().IsMatch(category))
            {
                problems.Add($"{key}:Caps:{category}", "the category must be 1 to 32 letters, digits, '_' or '-'", category);
            }

            foreach ((string token, string cap) in caps.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                string capKey = $"{key}:Caps:{category}:{token}";
                if (!tokenDecimals.TryGetValue(token, out int decimals))
                {
                    problems.Add(capKey, "names a token that is not configured in Tokens", token);
                    continue;
                }

                ConfigRules.PlainPositiveDecimal(problems, capKey, cap, decimals);
            }
        }
    }

    private static void ReportOverlaps(ConfigProblems problems, List<(string Name, int First, int Last)> spans)
    {
        var ordered = spans.OrderBy(s => s.First).ToList();
        for (int i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].First <= ordered[i - 1].Last)
            {
                problems.Add("Budget:Cycles", $"cycles {ordered[i - 1].Name} and {ordered[i].Name} overlap");
            }
        }
    }

    private Dictionary<string, int> ConfiguredTokenDecimals()
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (IConfigurationSection token in configuration.GetSection(TokensOptions.Section).GetChildren())
        {
            if (int.TryParse(token["Decimals"], out int decimals))
            {
                result[token.Key] = decimals;
            }
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex CycleNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();
}
