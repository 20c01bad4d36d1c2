using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Core.Configuration;
using OssFunding.Safe.MultiSend;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>
/// <c>Chain:Finality</c> = <c>Safe</c> / <c>Finalized</c> against anvil, and against a node whose <c>finalized</c> block
/// trails far behind (Arbitrum One: the batch must be posted to Ethereum and Ethereum must finalize it).
/// </summary>
public sealed class FinalityTagTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    /// <summary>anvil (1.x) serves <c>safe</c> 32 blocks and <c>finalized</c> 64 blocks behind the head, never below 0.</summary>
    private const int AnvilSafeDepth = 32;
    private const int AnvilFinalizedDepth = 64;

    [Fact]
    public async Task Anvil_serves_safe_32_and_finalized_64_blocks_behind_the_head_and_the_watcher_takes_them_as_final()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var rpc = new ChainRpc(Options.Create(bed.ChainOptions()), ChainTestbed.FastPolicy, NullLogger<ChainRpc>.Instance);

        // A young chain: both tags are block 0.
        var young = await bed.HeadAsync();
        Assert.True(young < AnvilSafeDepth, $"the deployed world is {young} blocks high");
        Assert.Equal(0, (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.safe, CancellationToken.None)).Number);
        Assert.Equal(0, (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.finalized, CancellationToken.None)).Number);

        await bed.Chain.Rpc.MineAsync(100);
        var head = await bed.HeadAsync();
        Assert.Equal(head - AnvilSafeDepth, (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.safe, CancellationToken.None)).Number);
        Assert.Equal(head - AnvilFinalizedDepth,
            (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.finalized, CancellationToken.None)).Number);

        var finalized = await bed.NewWatcher(options => options.Finality = FinalityMode.Finalized).PollAsync(CancellationToken.None);
        Assert.Equal((head, head - AnvilFinalizedDepth, (long)AnvilFinalizedDepth),
            (finalized.Position.Head, finalized.Position.Final, finalized.Position.FinalLag));

        // An idle poll keeps the stored final block: give the Safe-mode watcher a new block to read.
        await bed.Chain.Rpc.MineAsync(1);
        var safe = await bed.NewWatcher(options => options.Finality = FinalityMode.Safe).PollAsync(CancellationToken.None);
        Assert.Equal((head + 1, head + 1 - AnvilSafeDepth, (long)AnvilSafeDepth),
            (safe.Position.Head, safe.Position.Final, safe.Position.FinalLag));
    }

    [Fact]
    public async Task In_finalized_mode_an_execution_above_the_held_back_finalized_block_is_mirrored_but_final_only_once_the_tag_passes_it()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(10);
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Usdc.Address, Alice, 7));
        var heldAt = paid.BlockNumber - 1;
        bed.Proxy.PinBlockTag("finalized", heldAt);
        var watcher = bed.NewWatcher(options => options.Finality = FinalityMode.Finalized);

        // anvil's own finalized block (head - 64) passes the execution; the proxy's stays one block below it.
        await bed.Chain.Rpc.MineAsync(AnvilFinalizedDepth + 10);
        var held = await watcher.PollAsync(CancellationToken.None);
        var head = await bed.HeadAsync();
        Assert.Equal((head, head, heldAt, head - heldAt),
            (held.Position.Head, held.Position.Checkpoint, held.Position.Final, held.Position.FinalLag));
        var execution = Assert.Single(await bed.Reader.GetExecutionsAsync(0, CancellationToken.None));
        Assert.Equal(paid.SafeTxHash, execution.SafeTxHash);
        Assert.False(execution.IsFinal);
        Assert.All(execution.Transfers, transfer => Assert.False(transfer.IsFinal));

        // The same chain in Confirmations mode (5) would call it final: only the tag holds it back.
        Assert.True(head - paid.BlockNumber > bed.ChainOptions().Confirmations);

        bed.Proxy.PinBlockTag("finalized", paid.BlockNumber);
        await bed.Chain.Rpc.MineAsync(1);
        var moved = await watcher.PollAsync(CancellationToken.None);
        Assert.Equal(paid.BlockNumber, moved.Position.Final);
        var final = Assert.Single(await bed.Reader.GetExecutionsAsync(0, CancellationToken.None));
        Assert.True(final.IsFinal);
        Assert.NotEmpty(final.Transfers);
        Assert.All(final.Transfers, transfer => Assert.True(transfer.IsFinal));
    }

    [Fact]
    public async Task A_pinned_tag_answers_only_for_that_tag_and_unpinning_gives_the_node_back()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(100);
        var head = await bed.HeadAsync();
        var rpc = new ChainRpc(Options.Create(bed.ChainOptions()), ChainTestbed.FastPolicy, NullLogger<ChainRpc>.Instance);

        bed.Proxy.PinBlockTag("finalized", 3);
        Assert.Equal(3, (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.finalized, CancellationToken.None)).Number);
        Assert.Equal(head - AnvilSafeDepth, (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.safe, CancellationToken.None)).Number);
        Assert.Equal(head, (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.latest, CancellationToken.None)).Number);

        bed.Proxy.UnpinBlockTag("finalized");
        Assert.Equal(head - AnvilFinalizedDepth,
            (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.finalized, CancellationToken.None)).Number);
    }
}
