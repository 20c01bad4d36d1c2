namespace OssFunding.Core.Allocations;

public enum ImportFormat
{
    Csv,
    Json,
}

/// <summary>One problem in an import file; <see cref="Line"/> is 1-based (the header is line 1), 0 for the whole file.</summary>
public sealed record ImportError(int Line, string Column, string Reason)
{
    public override string ToString() =>
        Line == 0 ? Reason : string.IsNullOrEmpty(Column) ? $"line {Line}: {Reason}" : $"line {Line}, column {Column}: {Reason}";
}

/// <summary>
/// Result of an import. A file is all-or-nothing: when <see cref="Errors"/> is not empty nothing was written.
/// <see cref="Message"/> is a one-line summary for people ("12 added, 3 unchanged", "nothing to do: all 15 rows already imported").
/// </summary>
public sealed record ImportOutcome(bool Applied, bool DryRun, int Added, int Unchanged, IReadOnlyList<ImportError> Errors, string Message)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Validates and applies an allocation file atomically and idempotently (SPEC §4).</summary>
public interface IAllocationImporter
{
    Task<ImportOutcome> ImportAsync(Stream content, ImportFormat format, bool dryRun, CancellationToken cancellationToken);
}
