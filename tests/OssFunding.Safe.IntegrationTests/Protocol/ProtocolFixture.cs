using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>
/// One anvil per test class, with a Safe per version whose owners are owner-1 … owner-5 plus a 1-of-2 Safe
/// (EIP-1271 owner), threshold 3. Tests that change state wrap themselves in a snapshot.
/// </summary>
public sealed class ProtocolFixture : IAsyncLifetime
{
    private readonly Dictionary<SafeVersion, ProtocolWorld> worlds = [];
    private DevnetChain? chain;

    public DevnetChain Chain => chain ?? throw new InvalidOperationException("The protocol fixture is not initialized.");

    public ProtocolWorld World(SafeVersion version) => worlds[version];

    public Task<DevnetSnapshot> SnapshotAsync() => Chain.Rpc.SnapshotScopeAsync();

    public async Task InitializeAsync()
    {
        chain = await DevnetChain.StartAsync();
        foreach (var version in Enum.GetValues<SafeVersion>())
        {
            var world = await DevnetWorld.DeployAsync(chain, version, new WorldOptions
            {
                ContractOwner = new ContractOwnerOptions { OwnerCount = 2, Threshold = 1 },
            });
            worlds[version] = await ProtocolWorld.CreateAsync(world);
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
