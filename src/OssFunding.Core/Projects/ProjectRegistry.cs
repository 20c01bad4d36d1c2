using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Allocations;
using OssFunding.Core.Imports;
using OssFunding.Core.Storage;
using OssFunding.Core.Text;

namespace OssFunding.Core.Projects;

/// <summary>
/// The project registry: imports <c>name,recipient,proof_url,effective_from</c> files atomically and idempotently
/// (a row with the same name and date but other content is a conflict; a new address is a row with a later date).
/// </summary>
internal sealed class ProjectRegistry(LedgerDatabase database, ProjectValidator validator, TimeProvider clock, ILogger<ProjectRegistry> logger)
    : IProjectRegistry
{
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<ImportOutcome> ImportAsync(Stream csv, bool dryRun, CancellationToken cancellationToken)
    {
        var content = await ImportAudit.ReadAllAsync(csv, cancellationToken);
        var (rows, readErrors) = CsvTable.Read(content, ProjectValidator.Columns);
        var (valid, rowErrors) = validator.Validate(rows);
        var errors = readErrors.Concat(rowErrors).ToList();
        if (rows.Count == 0)
        {
            return ImportAudit.Refused(dryRun, errors);
        }

        return await database.WriteAsync(async (connection, transaction) =>
        {
            var existing = (await LoadAsync(connection, transaction)).ToDictionary(project => (project.Name, project.EffectiveFrom));
            var added = new List<Project>();
            foreach (var project in valid.Select(entry => entry.Project))
            {
                if (!existing.TryGetValue((project.Name, project.EffectiveFrom), out var stored))
                {
                    added.Add(project);
                }
                else if (stored != project)
                {
                    errors.Add(Conflict(project, stored, rows));
                }
            }

            errors.AddRange(ConfusableNames.Check(existing.Keys.Select(key => key.Name), valid));

            if (errors.Count > 0)
            {
                return ImportAudit.Refused(dryRun, errors);
            }

            var unchanged = valid.Count - added.Count;
            if (!dryRun && added.Count > 0)
            {
                var importId = await ImportAudit.RecordAsync(connection, transaction, "projects", "csv", content, clock.GetUtcNow(), rows.Count, added.Count, unchanged);
                await InsertAsync(connection, transaction, added, importId);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Imported {Added} projects, {Unchanged} unchanged", added.Count, unchanged);
            }

            return new ImportOutcome(!dryRun && added.Count > 0, dryRun, added.Count, unchanged, [], ImportAudit.Summary(dryRun, added.Count, unchanged));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Project>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadAsync(connection, null);
    }

    /// <summary>Every registration, ordered by name then effective date.</summary>
    internal static async Task<IReadOnlyList<Project>> LoadAsync(DbConnection connection, DbTransaction? transaction)
    {
        var rows = await connection.QueryAsync<ProjectRow>(
            "SELECT name, recipient, proof_url AS ProofUrl, effective_from AS EffectiveFrom FROM projects ORDER BY name, effective_from",
            transaction: transaction);
        return rows.Select(row => new Project(row.Name, row.Recipient, row.ProofUrl,
            DateOnly.ParseExact(row.EffectiveFrom, DateFormat, CultureInfo.InvariantCulture))).ToList();
    }

    private static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Project> projects, string importId) =>
        connection.ExecuteAsync(
            "INSERT INTO projects (name, effective_from, recipient, proof_url, import_id) VALUES (@Name, @EffectiveFrom, @Recipient, @ProofUrl, @ImportId)",
            projects.Select(project => new
            {
                project.Name,
                EffectiveFrom = project.EffectiveFrom.ToString(DateFormat, CultureInfo.InvariantCulture),
                project.Recipient, project.ProofUrl, ImportId = importId,
            }),
            transaction);

    private static ImportError Conflict(Project project, Project stored, IReadOnlyList<ImportRow> rows)
    {
        var row = rows.First(row => ProjectNameText.Normalize(row["name"]) == project.Name && row["effective_from"] == project.EffectiveFrom.ToString(DateFormat, CultureInfo.InvariantCulture));
        var fields = new[] { ("recipient", project.Recipient != stored.Recipient), ("proof_url", project.ProofUrl != stored.ProofUrl) }
            .Where(field => field.Item2).Select(field => field.Item1);
        return row.Error("name",
            $"project '{project.Name}' effective {project.EffectiveFrom.ToString(DateFormat, CultureInfo.InvariantCulture)} is already registered with a different {string.Join(" and ", fields)}: register a new address with a later effective_from");
    }

    // Filled by Dapper.
    private sealed record ProjectRow(string Name, string Recipient, string ProofUrl, string EffectiveFrom);
}
