using OssFunding.Core.Imports;

namespace OssFunding.Core.Allocations;

/// <summary>A row that passed every check that needs no database: canonical values, ready to compare and insert.</summary>
internal sealed record AllocationRecord(
    string Id,
    string Period,
    string Cycle,
    string Project,
    string Category,
    string Recipient,
    string Token,
    decimal Amount,
    string ApprovalRef,
    string Memo,
    decimal? FiatAmount,
    string? FiatCurrency)
{
    /// <summary>Where the row came from, for error messages. Not part of the content.</summary>
    public ImportRow? Source { get; init; }

    /// <summary>Names of the fields whose content differs from <paramref name="other"/> (same id assumed).</summary>
    public IReadOnlyList<string> DifferencesFrom(AllocationRecord other)
    {
        var differences = new List<string>();
        void Compare<T>(string name, T mine, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, theirs))
            {
                differences.Add(name);
            }
        }

        Compare("period", Period, other.Period);
        Compare("project", Project, other.Project);
        Compare("category", Category, other.Category);
        Compare("recipient", Recipient, other.Recipient);
        Compare("token", Token, other.Token);
        Compare("amount", Amount, other.Amount);
        Compare("approval_ref", ApprovalRef, other.ApprovalRef);
        Compare("memo", Memo, other.Memo);
        Compare("fiat_amount", FiatAmount, other.FiatAmount);
        Compare("fiat_currency", FiatCurrency, other.FiatCurrency);
        return differences;
    }
}
