using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using OssFunding.Core.Allocations;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Imports;

/// <summary>Records every applied import file: what it was (hash), when, and what it changed.</summary>
internal static class ImportAudit
{
    public static async Task<string> RecordAsync(
        DbConnection connection, DbTransaction transaction, string kind, string format, byte[] content,
        DateTimeOffset at, int rows, int added, int unchanged)
    {
        var id = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync(
            """
            INSERT INTO imports (id, kind, format, file_sha256, imported_at, row_count, added, unchanged)
            VALUES (@id, @kind, @format, @hash, @at, @rows, @added, @unchanged)
            """,
            new
            {
                id, kind, format,
                hash = Convert.ToHexStringLower(SHA256.HashData(content)),
                at = LedgerTime.ToStored(at),
                rows, added, unchanged,
            },
            transaction);
        return id;
    }

    public static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The outcome of a file with problems: every problem in line order, nothing written.</summary>
    public static ImportOutcome Refused(bool dryRun, IEnumerable<ImportError> errors)
    {
        var ordered = errors.OrderBy(error => error.Line).ToList();
        return new ImportOutcome(false, dryRun, 0, 0, ordered, $"refused: {ordered.Count} problem(s); nothing written");
    }

    public static string Summary(bool dryRun, int added, int unchanged) => (dryRun, added, unchanged) switch
    {
        (_, 0, _) => $"nothing to do: all {unchanged} rows already imported",
        (true, _, _) => $"dry run: {added} would be added, {unchanged} unchanged; nothing written",
        _ => $"{added} added, {unchanged} unchanged",
    };
}
