namespace OssFunding.Core.Configuration;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>May hold a password (PostgreSQL): masked by <c>config check</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/ossfunding.db";
}
