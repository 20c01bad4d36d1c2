using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>The connection string may hold a password: problems name the key, never the value.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Key = "Storage:ConnectionString";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new ConfigProblems();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add(Key, "is required");
            return problems.ToResult();
        }

        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                if (Parse(problems, () => new SqliteConnectionStringBuilder(options.ConnectionString)) is SqliteConnectionStringBuilder sqlite
                    && string.IsNullOrEmpty(sqlite.DataSource))
                {
                    problems.Add(Key, "needs a Data Source (the SQLite file)");
                }

                break;
            case StorageProvider.Postgres:
                if (Parse(problems, () => new NpgsqlConnectionStringBuilder(options.ConnectionString)) is NpgsqlConnectionStringBuilder postgres
                    && string.IsNullOrEmpty(postgres.Host))
                {
                    problems.Add(Key, "needs a Host for PostgreSQL");
                }

                break;
            default:
                problems.Add("Storage:Provider", "must be Sqlite or Postgres", options.Provider.ToString());
                break;
        }

        return problems.ToResult();
    }

    private static DbConnectionStringBuilder? Parse(ConfigProblems problems, Func<DbConnectionStringBuilder> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            problems.AddHidden(Key, "cannot be parsed for the configured Storage:Provider");
            return null;
        }
    }
}
