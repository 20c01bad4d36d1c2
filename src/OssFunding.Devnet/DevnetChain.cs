using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace OssFunding.Devnet;

/// <summary>
/// A local anvil chain on a free 127.0.0.1 port. <c>await using var chain = await DevnetChain.StartAsync();</c>
/// Disposing stops anvil; so does the death of this process (see devnet/anvil-watchdog.sh).
/// </summary>
public sealed class DevnetChain : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private readonly AnvilProcess _anvil;

    private DevnetChain(AnvilProcess anvil, DevnetDirectory directory, int port, long chainId)
    {
        _anvil = anvil;
        Directory = directory;
        Port = port;
        ChainId = chainId;
        RpcUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Rpc = new DevnetRpc(new RpcClient(new Uri(RpcUrl)));
    }

    public string RpcUrl { get; }

    public int Port { get; }

    public long ChainId { get; }

    /// <summary>Process id of anvil itself (not of its watchdog), for checks that nothing is left behind.</summary>
    public int AnvilProcessId => _anvil.AnvilProcessId;

    public DevnetDirectory Directory { get; }

    /// <summary>anvil's test methods: snapshots, mining, reorgs, balances.</summary>
    public DevnetRpc Rpc { get; }

    public static async Task<DevnetChain> StartAsync(DevnetChainOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevnetChainOptions();
        var directory = options.Directory ?? DevnetDirectory.Locate();
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take the port between our probe and anvil's bind; then try another one.
            var port = FindFreePort();
            var anvil = AnvilProcess.Start(directory, AnvilArguments(options, port));
            var chain = new DevnetChain(anvil, directory, port, options.ChainId);
            try
            {
                await chain.WaitUntilAnsweringAsync(options.StartupTimeout, cancellationToken);
                return chain;
            }
            catch (DevnetException) when (attempt < StartAttempts && anvil.HasExited)
            {
                await chain.DisposeAsync();
            }
            catch
            {
                await chain.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A Web3 that signs with <paramref name="account"/>'s key for this chain id.</summary>
    public Web3 CreateWeb3(DevnetAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Web3(new Account(account.PrivateKey, ChainId), RpcUrl);
    }

    /// <summary>A Web3 without a key, for reads and <c>eth_call</c>.</summary>
    public Web3 CreateWeb3() => new(RpcUrl);

    public ValueTask DisposeAsync()
    {
        _anvil.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Simulates this process dying: only closes the watchdog pipe. For the watchdog's own test.</summary>
    internal void CloseWatchdogPipe() => _anvil.CloseWatchdogPipe();

    private static string[] AnvilArguments(DevnetChainOptions options, int port)
    {
        string[] common =
        [
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture),
            "--quiet",
            .. HistoryArguments(options),
        ];
        return options.Mining switch
        {
            DevnetMining.Automine => common,
            DevnetMining.Interval => [.. common, "--block-time", BlockTimeSeconds(options.BlockTime)],
            DevnetMining.Manual => [.. common, "--no-mining"],
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mining, "Unknown mining mode."),
        };
    }

    private static string[] HistoryArguments(DevnetChainOptions options)
    {
        if (options.Hardfork is { } hardfork && (hardfork.Length == 0 || !hardfork.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException($"Hardfork '{hardfork}' is not an anvil hardfork name (letters and digits only).", nameof(options));
        }

        string[] hardforkArguments = options.Hardfork is null ? [] : ["--hardfork", options.Hardfork];
        return options.PruneHistory ? [.. hardforkArguments, "--prune-history"] : hardforkArguments;
    }

    private static string BlockTimeSeconds(TimeSpan blockTime)
    {
        if (blockTime < TimeSpan.FromSeconds(1) || blockTime.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockTime), blockTime, "anvil's block time is a whole number of seconds, at least 1.");
        }

        return ((long)blockTime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_anvil.HasExited)
            {
                throw new DevnetException($"anvil exited during startup on port {Port}: {_anvil.StandardError.Trim()}");
            }

            try
            {
                var chainId = await Rpc.ChainIdAsync();
                if (chainId != ChainId)
                {
                    throw new DevnetException($"anvil on port {Port} reports chain id {chainId}, expected {ChainId}.");
                }

                return;
            }
            catch (Exception e) when (e is RpcClientUnknownException or HttpRequestException or RpcClientTimeoutException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new DevnetException($"anvil did not answer on {RpcUrl} within {timeout}.", e);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }
}
