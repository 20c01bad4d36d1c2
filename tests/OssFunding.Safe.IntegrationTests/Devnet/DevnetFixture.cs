using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.IntegrationTests.Devnet;

/// <summary>
/// One anvil for every test in <see cref="DevnetCollection"/>, with two worlds per version deployed up front (deploying
/// later, inside a test's snapshot, would be undone by its revert):
/// a 3-of-5 Safe per version, and per version a Safe whose owners are 5 EOAs plus a 1-of-2 Safe (EIP-1271 owner).
/// Tests that change state wrap themselves in <c>await using var _ = await fixture.SnapshotAsync();</c>.
/// </summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    private readonly Dictionary<SafeVersion, DevnetWorld> _worlds = [];
    private readonly Dictionary<SafeVersion, DevnetWorld> _worldsWithContractOwner = [];
    private DevnetChain? _chain;

    public DevnetChain Chain => _chain ?? throw new InvalidOperationException("The devnet fixture is not initialized.");

    public string RpcUrl => Chain.RpcUrl;

    /// <summary>3-of-5 Safe owned by EOAs owner-1 … owner-5, funded with 5,000 LPT and 50,000 USDC.</summary>
    public DevnetWorld World(SafeVersion version) => _worlds[version];

    /// <summary>3-of-6 Safe: owner-1 … owner-5 and <see cref="DevnetWorld.ContractOwner"/>, a 1-of-2 Safe.</summary>
    public DevnetWorld WorldWithContractOwner(SafeVersion version) => _worldsWithContractOwner[version];

    /// <summary>Reverts every chain change made until the returned scope is disposed.</summary>
    public Task<DevnetSnapshot> SnapshotAsync() => Chain.Rpc.SnapshotScopeAsync();

    public async Task InitializeAsync()
    {
        _chain = await DevnetChain.StartAsync();
        foreach (var version in Enum.GetValues<SafeVersion>())
        {
            _worlds[version] = await DevnetWorld.DeployAsync(Chain, version);
            _worldsWithContractOwner[version] = await DevnetWorld.DeployAsync(Chain, version, new WorldOptions
            {
                ContractOwner = new ContractOwnerOptions { OwnerCount = 2, Threshold = 1 },
            });
        }
    }

    public async Task DisposeAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DevnetCollection : ICollectionFixture<DevnetFixture>
{
    public const string Name = "Devnet";
}
