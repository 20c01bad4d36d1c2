using System.Data;
using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Allocations;

/// <summary>SQL for the allocations table. Amounts go in and out as canonical decimal text.</summary>
internal static class AllocationLedger
{
    private const int IdsPerQuery = 100;

    private const string SelectColumns =
        "id, period, project, category, recipient, token, amount, approval_ref AS ApprovalRef, memo, " +
        "fiat_amount AS FiatAmount, fiat_currency AS FiatCurrency, status, imported_at AS ImportedAt";

    /// <summary>The allocations among <paramref name="ids"/> that exist, by id.</summary>
    public static async Task<IReadOnlyDictionary<string, Allocation>> FindAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, Allocation>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            // Plain ADO.NET: with hundreds of parameters per query, Dapper's per-call parameter handling dominates.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = names[i] = $"@id{i}";
                parameter.Value = chunk[i];
                command.Parameters.Add(parameter);
            }

            command.CommandText = $"SELECT {SelectColumns} FROM allocations WHERE id IN ({string.Join(',', names)})";
            await using var reader = await command.ExecuteReaderAsync();
            var parser = reader.GetRowParser<AllocationRow>();
            while (await reader.ReadAsync())
            {
                var allocation = parser(reader).ToAllocation();
                found[allocation.Id] = allocation;
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

    /// <summary>Inserts new Approved allocations with one prepared command (imports can hold thousands of rows).</summary>
    public static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<AllocationRecord> records, string importId, DateTimeOffset at)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO allocations (id, period, project, category, recipient, token, amount, approval_ref, memo,
                                     fiat_amount, fiat_currency, status, import_id, imported_at)
            VALUES (@id, @period, @project, @category, @recipient, @token, @amount, @approval_ref, @memo,
                    @fiat_amount, @fiat_currency, 'Approved', @import_id, @imported_at)
            """;
        string[] names = ["id", "period", "project", "category", "recipient", "token", "amount", "approval_ref", "memo", "fiat_amount", "fiat_currency", "import_id", "imported_at"];
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.DbType = DbType.String;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync();
        var importedAt = LedgerTime.ToStored(at);
        foreach (var record in records)
        {
            object?[] values =
            [
                record.Id, record.Period, record.Project, record.Category, record.Recipient, record.Token,
                ExactDecimal.ToCanonical(record.Amount), record.ApprovalRef, record.Memo,
                record.FiatAmount is { } fiat ? ExactDecimal.ToCanonical(fiat) : null, record.FiatCurrency, importId, importedAt,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }
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
