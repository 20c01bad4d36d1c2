using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Allocations;

/// <summary>SQL for the allocations table. Amounts go in and out as canonical decimal text.</summary>
internal static class AllocationLedger
{
    private const int IdsPerQuery = 500;

    private const string SelectColumns =
        "id, period, project, category, recipient, token, amount, approval_ref AS ApprovalRef, memo, " +
        "fiat_amount AS FiatAmount, fiat_currency AS FiatCurrency, status, imported_at AS ImportedAt";

    public static async Task<IReadOnlyDictionary<string, Allocation>> FindAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, Allocation>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            var parameters = new DynamicParameters();
            var names = chunk.Select((id, index) =>
            {
                parameters.Add($"id{index}", id);
                return $"@id{index}";
            });
            var rows = await connection.QueryAsync<AllocationRow>(
                $"SELECT {SelectColumns} FROM allocations WHERE id IN ({string.Join(',', names)})", parameters, transaction);
            foreach (var row in rows)
            {
                found[row.Id] = row.ToAllocation();
            }
        }

        return found;
    }

    public static async Task<IReadOnlyList<Allocation>> ListAsync(DbConnection connection, string? period, AllocationStatus? status)
    {
        var rows = await connection.QueryAsync<AllocationRow>(
            $"""
            SELECT {SelectColumns} FROM allocations
            WHERE (@period IS NULL OR period = @period) AND (@status IS NULL OR status = @status)
            ORDER BY period, id
            """,
            new { period, status = status?.ToString() });
        return rows.Select(row => row.ToAllocation()).ToList();
    }

    public static Task InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<AllocationRecord> records, string importId, DateTimeOffset at)
    {
        var importedAt = LedgerTime.ToStored(at);
        return connection.ExecuteAsync(
            """
            INSERT INTO allocations (id, period, project, category, recipient, token, amount, approval_ref, memo,
                                     fiat_amount, fiat_currency, status, import_id, imported_at)
            VALUES (@Id, @Period, @Project, @Category, @Recipient, @Token, @Amount, @ApprovalRef, @Memo,
                    @FiatAmount, @FiatCurrency, 'Approved', @ImportId, @ImportedAt)
            """,
            records.Select(record => new
            {
                record.Id, record.Period, record.Project, record.Category, record.Recipient, record.Token,
                Amount = ExactDecimal.ToCanonical(record.Amount),
                record.ApprovalRef, record.Memo,
                FiatAmount = record.FiatAmount is { } fiat ? ExactDecimal.ToCanonical(fiat) : null,
                record.FiatCurrency, ImportId = importId, ImportedAt = importedAt,
            }),
            transaction);
    }

    /// <summary>Content of an existing allocation in the shape of an imported row, for idempotency checks.</summary>
    public static AllocationRecord ToRecord(Allocation allocation, string cycle) =>
        new(allocation.Id, allocation.Period, cycle, allocation.Project, allocation.Category, allocation.Recipient, allocation.Token,
            allocation.Amount, allocation.ApprovalRef, allocation.Memo, allocation.FiatAmount, allocation.FiatCurrency);

    // Filled by Dapper, which matches columns to constructor parameters by name.
    private sealed record AllocationRow(
        string Id, string Period, string Project, string Category, string Recipient, string Token, string Amount,
        string ApprovalRef, string Memo, string? FiatAmount, string? FiatCurrency, string Status, string ImportedAt)
    {
        public Allocation ToAllocation() => new(
            Id, Period, Project, Category, Recipient, Token, ExactDecimal.FromStored(Amount), ApprovalRef, Memo,
            FiatAmount is null ? null : ExactDecimal.FromStored(FiatAmount), FiatCurrency,
            Enum.Parse<AllocationStatus>(Status), LedgerTime.FromStored(ImportedAt));
    }
}
