using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Chain;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Chain;

/// <summary>
/// Issue 10 item 5: owners, threshold, version and nonce come from one block. A proxy refuses every <c>eth_call</c>
/// asked at <c>latest</c>: the read still succeeds, so none of the four reads floats, and the state names its block.
/// </summary>
public sealed class SafeStateAtOneBlockTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task The_four_reads_are_pinned_to_the_head_block_they_report()
    {
        var world = devnet.World(SafeVersion.V141);
        await using var proxy = await FaultProxy.StartAsync(devnet.Chain.RpcUrl);
        proxy.Inject(FaultKind.Http500, "eth_call", when: request => request["params"]![1]?.GetValue<string>() == "latest");
        using var rpc = new ChainRpc(
            Options.Create(new ChainOptions { ChainId = devnet.Chain.ChainId, RpcUrls = [proxy.Url] }),
            new RpcPolicy { MaxRetryAttempts = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, NullLogger<ChainRpc>.Instance);
        var reader = new SafeChainReader(rpc, Options.Create(new SafeOptions { Address = world.SafeAddress }));
        var head = (long)await devnet.Chain.Rpc.BlockNumberAsync();

        var state = await reader.ReadSafeAsync(CancellationToken.None);

        Assert.InRange(state.Block, head, head + 1);
        Assert.Equal(world.Owners.Count, state.Owners.Count);
        Assert.Equal(4, proxy.Count("eth_call"));
    }
}
