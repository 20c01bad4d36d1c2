using System.Globalization;
using OssFunding.Core.Allocations;
using OssFunding.Core.Imports;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Projects;

/// <summary>Checks a project registry file row by row, collecting every problem.</summary>
internal sealed class ProjectValidator(RecipientRules recipients)
{
    public const int MaxNameLength = 200;

    public static readonly ImportColumns Columns = new(["name", "recipient", "proof_url", "effective_from"], []);

    public (IReadOnlyList<Project> Valid, IReadOnlyList<ImportError> Errors) Validate(IReadOnlyList<ImportRow> rows)
    {
        var valid = new List<(Project Project, int Line)>();
        var errors = new List<ImportError>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var project = ValidateRow(row, errors);
            var duplicate = valid.FirstOrDefault(other => project is not null && other.Project.Name == project.Name && other.Project.EffectiveFrom == project.EffectiveFrom);
            if (duplicate.Project is not null)
            {
                errors.Add(row.Error("name", $"project '{project!.Name}' effective {project.EffectiveFrom:yyyy-MM-dd} already appears on line {duplicate.Line}"));
            }
            else if (project is not null && errors.Count == before)
            {
                valid.Add((project, row.Line));
            }
        }

        return (valid.Select(entry => entry.Project).ToList(), errors);
    }

    private Project? ValidateRow(ImportRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        var name = row["name"];
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl) || name.Trim() != name)
        {
            errors.Add(row.Error("name", $"must be 1 to {MaxNameLength} characters without control characters or surrounding spaces"));
        }

        if (recipients.Problem(row["recipient"]) is { } problem)
        {
            errors.Add(row.Error("recipient", problem));
        }

        var url = row["proof_url"];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var proof) || proof.Scheme != Uri.UriSchemeHttps || proof.Host.Length == 0)
        {
            errors.Add(row.Error("proof_url", $"'{url}' must be an absolute https:// URL to the public proof of ownership"));
        }

        var dateText = row["effective_from"];
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effectiveFrom))
        {
            errors.Add(row.Error("effective_from", $"'{dateText}' is not a date in the form YYYY-MM-DD"));
        }

        return errors.Count == before ? new Project(name, row["recipient"], url, effectiveFrom) : null;
    }
}
