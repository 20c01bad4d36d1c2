using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core;
using OssFunding.Core.Allocations;
using OssFunding.Core.Projects;

namespace OssFunding.Worker.Tests.Support;

/// <summary>Reads a sandbox's SQLite ledger through the ledger's own store, to check what a command did or did not write.</summary>
internal static class LedgerSnapshot
{
    public static async Task<IReadOnlyList<Allocation>> AllocationsAsync(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            return [];
        }

        await using ServiceProvider services = Ledger(databasePath);
        return await services.GetRequiredService<IAllocationStore>().ListAsync(null, null, CancellationToken.None);
    }

    public static async Task<IReadOnlyList<Project>> ProjectsAsync(string databasePath)
    {
        await using ServiceProvider services = Ledger(databasePath);
        return await services.GetRequiredService<IProjectRegistry>().ListAsync(CancellationToken.None);
    }

    private static ServiceProvider Ledger(string databasePath)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection([new("Storage:ConnectionString", $"Data Source={databasePath}"), new("Safe:Address", TestData.SafeAddress)])
            .Build();
        return new ServiceCollection().AddLedger(configuration).BuildServiceProvider();
    }
}
