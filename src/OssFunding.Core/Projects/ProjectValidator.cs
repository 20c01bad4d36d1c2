using System.Globalization;
using OssFunding.Core.Allocations;
using OssFunding.Core.Imports;
using OssFunding.Core.Ledger;
using OssFunding.Core.Links;
using OssFunding.Core.Text;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Core.Projects;

/// <summary>A valid registry row: the project, the registered project it says it is not (see <see cref="ProjectValidator.DistinctFrom"/>) and its line.</summary>
internal sealed record ProjectEntry(Project Project, string? DistinctFrom, ImportRow Source);

/// <summary>
/// Checks a project registry file row by row, collecting every problem. Hidden characters were refused when the file
/// was read; names are stored NFC-normalised, so one name typed two ways is one project.
/// </summary>
internal sealed class ProjectValidator(RecipientRules recipients, IOptions<LinksOptions> links)
{
    public const int MaxNameLength = 200;

    /// <summary>
    /// Optional column: the registered name a new, confusable name is knowingly distinct from ("FFmpeg" on a row for
    /// "FFmрeg" with a Cyrillic р). Without it a new name whose UTS #39 skeleton equals a registered one is refused.
    /// </summary>
    public const string DistinctFrom = "distinct_from";

    public static readonly ImportColumns Columns = new(["name", "recipient", "proof_url", "effective_from"], [DistinctFrom]);

    public (IReadOnlyList<ProjectEntry> Valid, IReadOnlyList<ImportError> Errors) Validate(IReadOnlyList<ImportRow> rows)
    {
        var valid = new List<(ProjectEntry Project, int Line)>();
        var errors = new List<ImportError>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var project = ValidateRow(row, errors);
            var duplicate = valid.FirstOrDefault(other => project is not null && other.Project.Project.Name == project.Name && other.Project.Project.EffectiveFrom == project.EffectiveFrom);
            if (duplicate.Project is not null)
            {
                errors.Add(row.Error("name", $"project '{project!.Name}' effective {project.EffectiveFrom:yyyy-MM-dd} already appears on line {duplicate.Line}"));
            }
            else if (project is not null && errors.Count == before)
            {
                var distinctFrom = row.Optional(DistinctFrom) is { } other ? ProjectNameText.Normalize(other) : null;
                valid.Add((new ProjectEntry(project, distinctFrom, row), row.Line));
            }
        }

        return (valid.Select(entry => entry.Project).ToList(), errors);
    }

    private Project? ValidateRow(ImportRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        var name = ProjectNameText.Normalize(row["name"]);
        if (name.Length == 0 || name.Length > MaxNameLength || name.Trim() != name)
        {
            errors.Add(row.Error("name", $"must be 1 to {MaxNameLength} characters without surrounding spaces"));
        }

        if (recipients.Problem(row["recipient"]) is { } problem)
        {
            errors.Add(row.Error("recipient", problem));
        }

        var url = row["proof_url"];
        if (ExternalLink.Problem(url, links.Value.AllowHttp) is { } linkProblem)
        {
            errors.Add(row.Error("proof_url", $"{linkProblem} (the public proof of ownership)"));
        }

        var dateText = row["effective_from"];
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effectiveFrom))
        {
            errors.Add(row.Error("effective_from", $"'{dateText}' is not a date in the form YYYY-MM-DD"));
        }

        return errors.Count == before ? new Project(name, row["recipient"], url, effectiveFrom) : null;
    }
}
