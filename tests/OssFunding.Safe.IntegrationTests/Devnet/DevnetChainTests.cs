using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.IntegrationTests.Devnet;

/// <summary>Lifecycle and test controls of the chain itself. Each test starts its own anvil (about 0.2 s).</summary>
public sealed class DevnetChainTests
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Dispose_stops_anvil_and_frees_its_port()
    {
        var chain = await DevnetChain.StartAsync();
        var pid = chain.AnvilProcessId;
        var port = chain.Port;
        Assert.Equal(42161, await chain.Rpc.ChainIdAsync());
        Assert.True(AnvilProcesses.IsRunning(pid));
        Assert.Contains(pid, AnvilProcesses.ListeningOn(port));

        await chain.DisposeAsync();

        Assert.False(AnvilProcesses.IsRunning(pid));
        Assert.Empty(AnvilProcesses.ListeningOn(port));
    }

    [Fact]
    public async Task Anvil_stops_when_the_host_side_of_the_watchdog_pipe_closes_as_on_a_crash()
    {
        await using var chain = await DevnetChain.StartAsync();
        var pid = chain.AnvilProcessId;

        // The kernel closes this pipe when the host dies; no dispose, no ProcessExit handler runs here.
        chain.CloseWatchdogPipe();

        Assert.True(await AnvilProcesses.WaitForExitAsync(pid, ExitWait), $"anvil {pid} still runs after its watchdog pipe closed");
    }

    [Fact]
    public async Task Snapshot_scope_reverts_blocks_and_balances()
    {
        await using var chain = await DevnetChain.StartAsync();
        var account = DevnetAccount.FromLabel("snapshot-test");
        var web3 = chain.CreateWeb3();
        var before = await chain.Rpc.BlockNumberAsync();

        await using (await chain.Rpc.SnapshotScopeAsync())
        {
            await chain.Rpc.SetBalanceAsync(account.Address, 12345);
            await chain.Rpc.MineAsync(3);
            Assert.Equal(before + 3, await chain.Rpc.BlockNumberAsync());
            Assert.Equal(12345, (await web3.Eth.GetBalance.SendRequestAsync(account.Address)).Value);
        }

        Assert.Equal(before, await chain.Rpc.BlockNumberAsync());
        Assert.Equal(0, (await web3.Eth.GetBalance.SendRequestAsync(account.Address)).Value);
    }

    [Fact]
    public async Task Manual_mining_holds_transactions_until_blocks_are_mined()
    {
        await using var chain = await DevnetChain.StartAsync(new DevnetChainOptions { Mining = DevnetMining.Manual });
        var sender = DevnetAccount.FromLabel("manual-mining-sender");
        await chain.Rpc.SetBalanceAsync(sender.Address, BigInteger.Pow(10, 18));
        var web3 = chain.CreateWeb3(sender);

        var txHash = await web3.Eth.GetEtherTransferService().TransferEtherAsync(DevnetAccount.FromLabel("manual-mining-recipient").Address, 0.5m);
        Assert.Null(await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash));

        await chain.Rpc.MineAsync();
        Assert.Equal(1, (await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash)).Status.Value);
    }

    [Fact]
    public async Task Reorg_replaces_recent_blocks_and_drops_their_transactions()
    {
        await using var chain = await DevnetChain.StartAsync();
        var sender = DevnetAccount.FromLabel("reorg-sender");
        await chain.Rpc.SetBalanceAsync(sender.Address, BigInteger.Pow(10, 18));
        var web3 = chain.CreateWeb3(sender);
        var receipt = await web3.Eth.GetEtherTransferService()
            .TransferEtherAndWaitForReceiptAsync(DevnetAccount.FromLabel("reorg-recipient").Address, 0.25m);
        await chain.Rpc.MineAsync(2);
        var head = await chain.Rpc.BlockNumberAsync();
        var oldHash = receipt.BlockHash;

        await chain.Rpc.ReorgAsync(3);

        Assert.Equal(head, await chain.Rpc.BlockNumberAsync());
        var replaced = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(receipt.BlockNumber));
        Assert.NotEqual(oldHash, replaced.BlockHash);
        Assert.Null(await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(receipt.TransactionHash));
    }

    [Fact]
    public async Task Custom_chain_id_is_used()
    {
        await using var chain = await DevnetChain.StartAsync(new DevnetChainOptions { ChainId = 421614 });
        Assert.Equal(421614, await chain.Rpc.ChainIdAsync());
    }

    [Fact]
    public async Task Interval_mining_refuses_a_fractional_block_time_before_starting_anything()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DevnetChain.StartAsync(
            new DevnetChainOptions { Mining = DevnetMining.Interval, BlockTime = TimeSpan.FromMilliseconds(250) }));
        Assert.Contains("whole number of seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_the_devnet_package_is_refused_with_its_path()
    {
        var error = Assert.Throws<DevnetException>(() => DevnetDirectory.At("/tmp"));
        Assert.Contains("'/tmp'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task World_options_with_an_impossible_threshold_are_refused_before_any_transaction()
    {
        await using var chain = await DevnetChain.StartAsync();
        var before = await chain.Rpc.BlockNumberAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            DevnetWorld.DeployAsync(chain, SafeVersion.V141, new WorldOptions { OwnerCount = 5, Threshold = 6 }));

        Assert.Equal("Threshold", error.ParamName);
        Assert.Equal(before, await chain.Rpc.BlockNumberAsync());
    }
}
