using System.Text.RegularExpressions;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Budget;

/// <summary>One configured cycle with its parsed caps. A (category, token) missing here has no budget.</summary>
public sealed record BudgetCycle(string Name, string FirstPeriod, string LastPeriod, IReadOnlyDictionary<(string Category, string Token), decimal> Caps)
{
    public bool Contains(string period) =>
        string.CompareOrdinal(period, FirstPeriod) >= 0 && string.CompareOrdinal(period, LastPeriod) <= 0;

    public IReadOnlyList<string> Categories =>
        Caps.Keys.Select(key => key.Category).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// The <c>Budget</c> section, parsed once. Anything malformed is listed in <see cref="Problems"/> (one line per
/// problem, naming the key) and left out, so a bad cap means no budget rather than an unchecked one.
/// </summary>
public sealed partial class BudgetPlan
{
    public BudgetPlan(BudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var cycles = new List<BudgetCycle>();
        for (var index = 0; index < options.Cycles.Count; index++)
        {
            var cycle = Parse(options.Cycles[index], $"Budget:Cycles:{index}", problems);
            if (cycle is null)
            {
                continue;
            }

            var overlap = cycles.FirstOrDefault(other => other.Contains(cycle.FirstPeriod) || cycle.Contains(other.FirstPeriod));
            if (overlap is not null)
            {
                problems.Add($"Budget:Cycles:{index}: cycle '{cycle.Name}' overlaps cycle '{overlap.Name}'");
                continue;
            }

            cycles.Add(cycle);
        }

        Cycles = cycles;
        Problems = problems;
    }

    public IReadOnlyList<BudgetCycle> Cycles { get; }

    public IReadOnlyList<string> Problems { get; }

    public BudgetCycle? CycleOf(string period) => Cycles.FirstOrDefault(cycle => cycle.Contains(period));

    public static bool IsPeriod(string? text) => text is not null && Period().IsMatch(text);

    private static BudgetCycle? Parse(BudgetCycleOptions options, string key, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            problems.Add($"{key}:Name is empty");
        }

        if (!IsPeriod(options.FirstPeriod))
        {
            problems.Add($"{key}:FirstPeriod '{options.FirstPeriod}' is not YYYY-MM");
        }

        if (!IsPeriod(options.LastPeriod))
        {
            problems.Add($"{key}:LastPeriod '{options.LastPeriod}' is not YYYY-MM");
        }
        else if (IsPeriod(options.FirstPeriod) && string.CompareOrdinal(options.FirstPeriod, options.LastPeriod) > 0)
        {
            problems.Add($"{key}: FirstPeriod {options.FirstPeriod} is after LastPeriod {options.LastPeriod}");
        }

        var caps = new Dictionary<(string, string), decimal>();
        foreach (var (category, tokens) in options.Caps)
        {
            foreach (var (token, text) in tokens)
            {
                var cap = ExactDecimal.Parse(text, out var problem);
                if (cap is null)
                {
                    problems.Add($"{key}:Caps:{category}:{token} '{text}' {problem}");
                    continue;
                }

                caps[(category, token)] = cap.Value;
            }
        }

        return problems.Count == before ? new BudgetCycle(options.Name, options.FirstPeriod, options.LastPeriod, caps) : null;
    }

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
