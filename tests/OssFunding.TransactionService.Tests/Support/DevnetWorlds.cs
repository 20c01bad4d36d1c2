using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>
/// One anvil for the test collection with a funded 3-of-5 Safe of each version (1.3.0 and 1.4.1). Tests revert their chain
/// changes with a snapshot (<see cref="ServiceHarness"/>), so they share the chain without seeing each other.
/// </summary>
public sealed class DevnetWorlds : IAsyncLifetime
{
    private readonly Dictionary<SafeVersion, DevnetWorld> worlds = [];
    private DevnetChain? chain;

    public DevnetChain Chain => chain ?? throw new InvalidOperationException("The devnet is not started.");

    public DevnetWorld World(SafeVersion version) => worlds[version];

    public async Task InitializeAsync()
    {
        chain = await DevnetChain.StartAsync();
        foreach (var version in Enum.GetValues<SafeVersion>())
        {
            worlds[version] = await DevnetWorld.DeployAsync(chain, version);
        }
    }

    public async Task DisposeAsync()
    {
        if (chain is not null)
        {
            await chain.DisposeAsync();
        }
    }
}

/// <summary>Every test class of this project shares one devnet and runs one at a time (each reverts its chain changes).</summary>
[CollectionDefinition(Name)]
public sealed class DevnetCollection : ICollectionFixture<DevnetWorlds>
{
    public const string Name = "Devnet with Safe 1.3.0 and 1.4.1";
}
