using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;
using OssFunding.Core.Imports;
using OssFunding.Core.Ledger;
using OssFunding.Core.Links;
using OssFunding.Core.Text;

namespace OssFunding.Core.Allocations;

/// <summary>
/// Checks every rule of SPEC §4 that needs no database, collecting every problem of every row. Hidden characters were
/// refused when the file was read (<see cref="ImportRow.HiddenCharacterErrors"/>); the project name is stored NFC.
/// </summary>
internal sealed partial class AllocationValidator(BudgetPlan budget, IOptions<TokensOptions> tokens, RecipientRules recipients, IOptions<LinksOptions> links)
{
    public const int MaxTextLength = 1000;

    public static readonly ImportColumns Columns = new(
        ["id", "period", "project", "category", "recipient", "token", "amount", "approval_ref", "memo"],
        ["fiat_amount", "fiat_currency"]);

    public (IReadOnlyList<AllocationRecord> Valid, IReadOnlyList<ImportError> Errors) Validate(IReadOnlyList<ImportRow> rows)
    {
        var valid = new List<AllocationRecord>();
        var errors = new List<ImportError>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        // A file pays few distinct recipients many times; each checksum check hashes the address.
        var recipientProblems = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var rowErrors = new List<ImportError>();
            var record = ValidateRow(row, rowErrors, recipientProblems);
            if (firstLineOfId.TryGetValue(row["id"], out var firstLine))
            {
                rowErrors.Add(row.Error("id", $"id '{row["id"]}' already appears on line {firstLine}"));
            }
            else if (row["id"].Length > 0)
            {
                firstLineOfId[row["id"]] = row.Line;
            }

            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0 && record is not null)
            {
                valid.Add(record);
            }
        }

        return (valid, errors);
    }

    private AllocationRecord? ValidateRow(ImportRow row, List<ImportError> errors, Dictionary<string, string?> recipientProblems)
    {
        void Check(string column, string? problem)
        {
            if (problem is not null)
            {
                errors.Add(row.Error(column, problem));
            }
        }

        Check("id", IdProblem(row["id"]));
        Check("project", TextProblem(row["project"], required: true));
        if (!recipientProblems.TryGetValue(row["recipient"], out var recipientProblem))
        {
            recipientProblem = recipientProblems[row["recipient"]] = recipients.Problem(row["recipient"]);
        }

        Check("recipient", recipientProblem);
        Check("approval_ref", TextProblem(row["approval_ref"], required: true) ?? ExternalLink.Problem(row["approval_ref"], links.Value.AllowHttp));
        Check("memo", TextProblem(row["memo"], required: false));
        var cycle = CheckPeriod(row, errors);
        var decimals = CheckToken(row, cycle, errors);
        var amount = CheckAmount(row, "amount", row["amount"], decimals, errors);
        var (fiatAmount, fiatCurrency) = CheckFiat(row, errors);
        return errors.Count > 0 || cycle is null || amount is null
            ? null
            : new AllocationRecord(row["id"], row["period"], cycle.Name, ProjectNameText.Normalize(row["project"]), row["category"], row["recipient"], row["token"],
                amount.Value, row["approval_ref"], row["memo"], fiatAmount, fiatCurrency) { Source = row };
    }

    private BudgetCycle? CheckPeriod(ImportRow row, List<ImportError> errors)
    {
        var period = row["period"];
        if (!BudgetPlan.IsPeriod(period))
        {
            errors.Add(row.Error("period", $"'{period}' is not a month in the form YYYY-MM"));
            return null;
        }

        var cycle = budget.CycleOf(period);
        if (cycle is null)
        {
            var known = string.Join(", ", budget.Cycles.Select(c => $"{c.Name} {c.FirstPeriod}..{c.LastPeriod}"));
            errors.Add(row.Error("period", $"{period} is in no budget cycle (cycles: {(known.Length == 0 ? "none configured" : known)})"));
        }

        return cycle;
    }

    /// <summary>Checks category and token against the cycle's caps; returns the token's decimals when usable.</summary>
    private int? CheckToken(ImportRow row, BudgetCycle? cycle, List<ImportError> errors)
    {
        var (category, token) = (row["category"], row["token"]);
        int? decimals = tokens.Value.TryGetValue(token, out var options) ? options.Decimals : null;
        if (decimals is null)
        {
            errors.Add(row.Error("token", $"token '{token}' is not configured (tokens: {string.Join(", ", tokens.Value.Keys.Order(StringComparer.Ordinal))})"));
        }

        if (cycle is null)
        {
            return decimals;
        }

        if (!cycle.Categories.Contains(category, StringComparer.Ordinal))
        {
            errors.Add(row.Error("category", $"category '{category}' has no budget in cycle {cycle.Name} (categories: {string.Join(", ", cycle.Categories)})"));
        }
        else if (decimals is not null && !cycle.Caps.ContainsKey((category, token)))
        {
            errors.Add(row.Error("token", $"category '{category}' has no {token} budget in cycle {cycle.Name}: refused (no cap means no budget)"));
        }

        return decimals;
    }

    private static decimal? CheckAmount(ImportRow row, string column, string text, int? decimals, List<ImportError> errors)
    {
        var value = ExactDecimal.Parse(text, out var problem);
        if (problem is not null)
        {
            errors.Add(row.Error(column, $"'{text}' {problem}"));
            return null;
        }

        if (value <= 0)
        {
            errors.Add(row.Error(column, $"'{text}' must be greater than 0"));
            return null;
        }

        if (decimals is not null && ExactDecimal.Decimals(text) > decimals)
        {
            errors.Add(row.Error(column, $"'{text}' has {ExactDecimal.Decimals(text)} decimals, {row["token"]} allows at most {decimals}"));
            return null;
        }

        return value;
    }

    private static (decimal? Amount, string? Currency) CheckFiat(ImportRow row, List<ImportError> errors)
    {
        var (amountText, currency) = (row.Optional("fiat_amount"), row.Optional("fiat_currency"));
        if (amountText is null && currency is null)
        {
            return (null, null);
        }

        if (amountText is null || currency is null)
        {
            var missing = amountText is null ? "fiat_amount" : "fiat_currency";
            errors.Add(row.Error(missing, "fiat_amount and fiat_currency go together: give both or neither"));
            return (null, null);
        }

        if (!CurrencyCode().IsMatch(currency))
        {
            errors.Add(row.Error("fiat_currency", $"'{currency}' is not a currency code of 3 capital letters, such as EUR"));
        }

        return (CheckAmount(row, "fiat_amount", amountText, decimals: null, errors), currency);
    }

    private static string? IdProblem(string id) => id switch
    {
        "" => "is required",
        { Length: > 64 } => $"'{id[..16]}…' is {id.Length} characters long, at most 64 are allowed",
        _ when !IdCharacters().IsMatch(id) => $"'{id}' may only contain letters, digits, '.', '_' and '-'",
        _ => null,
    };

    private static string? TextProblem(string text, bool required) => text switch
    {
        "" when required => "is required",
        { Length: > MaxTextLength } => $"is {text.Length} characters long, at most {MaxTextLength} are allowed",
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdCharacters();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
