namespace OssFunding.Core.Storage;

/// <summary>Applies the versioned schema to the configured database (SQLite or PostgreSQL).</summary>
public interface ILedgerMigrator
{
    /// <summary>Applies pending migrations; returns the names of those applied now (empty when up to date).</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection and runs a trivial query; throws when the database cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
