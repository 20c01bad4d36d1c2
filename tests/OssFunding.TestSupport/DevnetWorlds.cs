using Xunit;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.TestSupport;

/// <summary>
/// One anvil with a funded 3-of-5 Safe of each version (1.3.0 and 1.4.1), as a class or collection fixture. Tests revert
/// their chain changes with a snapshot, so they share the chain without seeing each other.
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
