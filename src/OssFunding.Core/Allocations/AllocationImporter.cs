using System.Data.Common;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Budget;
using OssFunding.Core.Imports;
using OssFunding.Core.Storage;

namespace OssFunding.Core.Allocations;

/// <summary>
/// Imports an allocation file (SPEC §4): every problem is collected; nothing is written unless the whole file is
/// valid, consistent with the ledger (same id = same content) and within budget. The ledger checks and the insert
/// share one write transaction that holds the budget lock, so concurrent imports cannot both pass a cap.
/// </summary>
internal sealed class AllocationImporter(
    LedgerDatabase database,
    AllocationValidator validator,
    RegisteredRecipientCheck registry,
    BudgetGuard budget,
    TimeProvider clock,
    ILogger<AllocationImporter> logger) : IAllocationImporter
{
    public async Task<ImportOutcome> ImportAsync(Stream content, ImportFormat format, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = await ImportAudit.ReadAllAsync(content, cancellationToken);
        var (rows, readErrors) = format == ImportFormat.Json
            ? JsonTable.Read(bytes, AllocationValidator.Columns)
            : CsvTable.Read(bytes, AllocationValidator.Columns);
        if (rows.Count == 0)
        {
            return ImportAudit.Refused(dryRun, readErrors);
        }

        var (valid, rowErrors) = validator.Validate(rows);
        var errors = readErrors.Concat(rowErrors).ToList();
        var outcome = await database.WriteAsync(
            (connection, transaction) => ApplyAsync(connection, transaction, valid, errors, bytes, format, rows.Count, dryRun, cancellationToken),
            cancellationToken);
        logger.LogInformation("Allocation import ({Format}, dry run {DryRun}): {Summary}", format, dryRun, outcome.Message);
        return outcome;
    }

    private async Task<ImportOutcome> ApplyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AllocationRecord> valid, List<ImportError> errors,
        byte[] bytes, ImportFormat format, int rowCount, bool dryRun, CancellationToken cancellationToken)
    {
        await LedgerDatabase.LockBudgetAsync(connection, transaction);
        var existing = await AllocationLedger.FindAsync(connection, transaction, valid.Select(record => record.Id).ToList());
        var additions = new List<AllocationRecord>();
        foreach (var record in valid)
        {
            if (!existing.TryGetValue(record.Id, out var stored))
            {
                additions.Add(record);
                continue;
            }

            var differences = record.DifferencesFrom(AllocationLedger.ToRecord(stored, record.Cycle));
            if (differences.Count > 0)
            {
                errors.Add(record.Source!.Error("id",
                    $"allocation '{record.Id}' is already in the ledger ({stored.Status}) with a different {string.Join(", ", differences)}: " +
                    "to change it, cancel it and import a new id"));
            }
        }

        errors.AddRange(await registry.CheckAsync(connection, transaction, additions));
        errors.AddRange(await budget.CheckAsync(connection, transaction, additions));
        if (errors.Count > 0)
        {
            return ImportAudit.Refused(dryRun, errors);
        }

        var unchanged = valid.Count - additions.Count;
        if (dryRun || additions.Count == 0)
        {
            return new ImportOutcome(false, dryRun, additions.Count, unchanged, [], ImportAudit.Summary(dryRun, additions.Count, unchanged));
        }

        var now = clock.GetUtcNow();
        var importId = await ImportAudit.RecordAsync(
            connection, transaction, "allocations", format == ImportFormat.Json ? "json" : "csv", bytes, now, rowCount, additions.Count, unchanged);
        await AllocationLedger.InsertAsync(connection, transaction, additions, importId, now);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(true, false, additions.Count, unchanged, [], ImportAudit.Summary(false, additions.Count, unchanged));
    }
}
