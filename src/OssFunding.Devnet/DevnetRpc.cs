using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;

namespace OssFunding.Devnet;

/// <summary>anvil's test-only JSON-RPC methods, typed.</summary>
public sealed class DevnetRpc
{
    private readonly IClient _client;

    internal DevnetRpc(IClient client) => _client = client;

    public async Task<long> ChainIdAsync()
        => (long)(await _client.SendRequestAsync<HexBigInteger>("eth_chainId")).Value;

    public async Task<BigInteger> BlockNumberAsync()
        => (await _client.SendRequestAsync<HexBigInteger>("eth_blockNumber")).Value;

    /// <summary><c>evm_snapshot</c>: an id to revert to. Each id can be reverted to once.</summary>
    public Task<string> SnapshotAsync() => _client.SendRequestAsync<string>("evm_snapshot");

    /// <summary><c>evm_revert</c>; throws if anvil no longer knows the snapshot.</summary>
    public async Task RevertAsync(string snapshotId)
    {
        if (!await _client.SendRequestAsync<bool>("evm_revert", null, snapshotId))
        {
            throw new DevnetException($"anvil could not revert to snapshot {snapshotId} (unknown or already used).");
        }
    }

    /// <summary>Takes a snapshot now and reverts to it on dispose: <c>await using var _ = await rpc.SnapshotScopeAsync();</c></summary>
    public async Task<DevnetSnapshot> SnapshotScopeAsync() => new(this, await SnapshotAsync());

    /// <summary><c>anvil_mine</c>: mines <paramref name="blocks"/> blocks now (also with automine on).</summary>
    public Task MineAsync(int blocks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        return _client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(blocks));
    }

    public Task SetAutomineAsync(bool enabled) => _client.SendRequestAsync<object>("evm_setAutomine", null, enabled);

    /// <summary><c>anvil_setNextBlockBaseFeePerGas</c>: the base fee of the next mined block, in wei.</summary>
    public Task SetNextBlockBaseFeeAsync(BigInteger wei)
        => _client.SendRequestAsync<object>("anvil_setNextBlockBaseFeePerGas", null, new HexBigInteger(wei).HexValue);

    /// <summary><c>evm_setIntervalMining</c> in whole seconds; zero turns interval mining off.</summary>
    public Task SetIntervalMiningAsync(TimeSpan interval)
        => _client.SendRequestAsync<object>("evm_setIntervalMining", null, (long)interval.TotalSeconds);

    /// <summary>
    /// <c>anvil_reorg</c>: replaces the last <paramref name="depth"/> blocks with as many new (empty) blocks,
    /// so every transaction mined in them is gone from the canonical chain.
    /// </summary>
    public Task ReorgAsync(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return _client.SendRequestAsync<object>("anvil_reorg", null, depth, Array.Empty<object>());
    }

    public Task SetBalanceAsync(string address, BigInteger wei)
        => _client.SendRequestAsync<object>("anvil_setBalance", null, address, new HexBigInteger(wei).HexValue);

    /// <summary><c>anvil_setCode</c>: replaces the runtime code at <paramref name="address"/> (0x-hex).</summary>
    public Task SetCodeAsync(string address, string runtimeCodeHex)
        => _client.SendRequestAsync<object>("anvil_setCode", null, address, runtimeCodeHex);

    /// <summary><c>evm_increaseTime</c>: moves the next block's timestamp forward.</summary>
    public Task IncreaseTimeAsync(TimeSpan by)
        => _client.SendRequestAsync<object>("evm_increaseTime", null, (long)by.TotalSeconds);
}

/// <summary>Reverts the chain to the snapshot taken when it was created.</summary>
public sealed class DevnetSnapshot : IAsyncDisposable
{
    private readonly DevnetRpc _rpc;
    private int _reverted;

    internal DevnetSnapshot(DevnetRpc rpc, string id)
    {
        _rpc = rpc;
        Id = id;
    }

    public string Id { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _reverted, 1) == 0)
        {
            await _rpc.RevertAsync(Id);
        }
    }
}
