using Xunit;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.TestSupport;

/// <summary>
/// One anvil with a funded 3-of-5 Safe of each supported version, as a class or collection fixture. Tests revert
/// their chain changes with a snapshot, so they share the chain without seeing each other.
/// </summary>
public class DevnetWorlds : IAsyncLifetime
{
    private readonly Dictionary<SafeVersion, DevnetWorld> worlds = [];
    private DevnetChain? chain;

    public DevnetChain Chain => chain ?? throw new InvalidOperationException("The devnet is not started.");

    public DevnetWorld World(SafeVersion version) => worlds[version];

    /// <summary>What each version's world is deployed with (null: the 3-of-5 default).</summary>
    protected virtual WorldOptions? Options => null;

    public async Task InitializeAsync()
    {
        chain = await DevnetChain.StartAsync();
        foreach (var version in Enum.GetValues<SafeVersion>())
        {
            worlds[version] = await DevnetWorld.DeployAsync(chain, version, Options);
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

/// <summary>
/// <see cref="DevnetWorlds"/> whose Safes have a sixth owner, a 1-of-2 Safe of the same version (EIP-1271 contract
/// owner): threshold 3 of owner-1 … owner-5 and that Safe.
/// </summary>
public sealed class ContractOwnerDevnetWorlds : DevnetWorlds
{
    protected override WorldOptions? Options { get; } = new() { ContractOwner = new ContractOwnerOptions { OwnerCount = 2, Threshold = 1 } };
}
