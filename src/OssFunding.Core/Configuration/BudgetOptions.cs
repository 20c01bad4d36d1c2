namespace OssFunding.Core.Configuration;

/// <summary><c>Budget</c> section: cycles with caps per category and token.</summary>
public sealed class BudgetOptions
{
    public const string Section = "Budget";

    public List<BudgetCycleOptions> Cycles { get; set; } = [];
}

/// <summary>
/// One budget cycle, e.g. "2025" from 2025-01 to 2025-12. <see cref="Caps"/> maps category → token symbol →
/// cap as a decimal string in token units. A (category, token) pair without a cap has no budget: fail closed.
/// </summary>
public sealed class BudgetCycleOptions
{
    public string Name { get; set; } = "";

    /// <summary>First month of the cycle, <c>YYYY-MM</c>.</summary>
    public string FirstPeriod { get; set; } = "";

    /// <summary>Last month of the cycle, <c>YYYY-MM</c>, inclusive.</summary>
    public string LastPeriod { get; set; } = "";

    public Dictionary<string, Dictionary<string, string>> Caps { get; set; } = new(StringComparer.Ordinal);
}
