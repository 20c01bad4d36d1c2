using System.Diagnostics;
using System.Text.Json.Nodes;
using Nethereum.JsonRpc.Client;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;
using OssFunding.Worker.Cli;

namespace OssFunding.Worker.Demo;

/// <summary>The demo's steps, each announced with a progress line.</summary>
internal static class DemoRun
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reports date a payment by its block's time: the chain's clock starts inside the sample month so the payments land
    /// in the 2025-01 report. Block 0 keeps the wall-clock time, hence <see cref="DemoWorker"/> watches from block 1.
    /// </summary>
    private static readonly DateTimeOffset ChainStart = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(IReadOnlyList<string> overrides, bool keepData, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        void Progress(string line) => Console.WriteLine($"[{watch.Elapsed.TotalSeconds,5:F1} s] {line}");

        var devnet = DevnetDirectory.Locate();
        var repository = Path.GetDirectoryName(Path.GetFullPath(devnet.Path))!;
        var folder = Directory.CreateTempSubdirectory("ossfunding-demo-").FullName;
        try
        {
            Progress($"starting anvil from {devnet.Path}");
            await using var chain = await DevnetChain.StartAsync(new DevnetChainOptions { Directory = devnet }, cancellationToken);
            await SetChainTimeAsync(chain, ChainStart);
            Progress($"anvil on {chain.RpcUrl} (chain id {chain.ChainId}), its clock set to {ChainStart:yyyy-MM-dd HH:mm} UTC; "
                     + $"deploying Safe {SafeVersions.Current.ToVersionString()} (the current release), a 3-of-5 Safe and the LPT/USDC test tokens");
            var world = await DevnetWorld.DeployAsync(chain, SafeVersions.Current);
            // From here on a block every second, so confirmations accumulate as on a live chain.
            await chain.Rpc.SetIntervalMiningAsync(TimeSpan.FromSeconds(1));
            Progress($"Safe {world.SafeAddress} holds 5000 LPT and 50000 USDC; owners {string.Join(", ", world.Owners.Select(o => o.Address))}");

            Progress($"starting the worker (ledger and settings in {folder})");
            await using var worker = await DemoWorker.StartAsync(world, folder, overrides, cancellationToken);
            var api = new DemoApi(worker.Client);
            Progress($"worker listening on {worker.Client.BaseAddress}; executor account {world.Deployer.Address} (not an owner)");

            await ImportAsync(api, repository, Progress, cancellationToken);
            var safeTxHash = await DraftAsync(api, Progress, cancellationToken);
            await SignAsync(api, world, safeTxHash, Progress, cancellationToken);
            var confirmed = await WaitForAsync(api, safeTxHash, "Confirmed", Progress, cancellationToken);
            var reportPath = await DemoReport.WriteAsync(worker.Services, Progress, cancellationToken);
            await DemoSummary.PrintAsync(api, world, confirmed, reportPath, cancellationToken);
            Progress("stopping the worker and anvil");
            return ExitCodes.Done;
        }
        finally
        {
            if (keepData)
            {
                Console.WriteLine($"kept {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task ImportAsync(DemoApi api, string repository, Action<string> progress, CancellationToken cancellationToken)
    {
        var projects = await api.PostCsvAsync("api/projects", Path.Combine(repository, "samples", "projects.csv"), cancellationToken);
        progress($"imported samples/projects.csv: {projects["message"] ?? projects.ToJsonString()}");
        var allocations = await api.PostCsvAsync("api/allocations", Path.Combine(repository, "samples", "allocations-2025-01.csv"), cancellationToken);
        progress($"imported samples/allocations-2025-01.csv: {allocations["message"] ?? allocations.ToJsonString()}");
    }

    private static async Task<string> DraftAsync(DemoApi api, Action<string> progress, CancellationToken cancellationToken)
    {
        var (_, body, reason) = await api.DraftAsync(cancellationToken);
        if (body is null)
        {
            // The hourly schedule may have drafted a moment ago: then that transaction is the one to sign.
            var live = (await api.GetAsync("api/transactions?status=AwaitingSignatures", cancellationToken)).AsArray();
            body = live.FirstOrDefault() ?? throw new DemoException($"nothing was drafted: {reason}");
        }

        var hash = body["safeTxHash"]!.GetValue<string>();
        progress($"drafted Safe tx nonce {body["nonce"]} with {body["payments"]!.AsArray().Count} payments: safeTxHash {hash}");
        return hash;
    }

    private static async Task SignAsync(DemoApi api, DevnetWorld world, string safeTxHash, Action<string> progress, CancellationToken cancellationToken)
    {
        var tx = await api.GetAsync($"api/transactions/{safeTxHash}", cancellationToken);
        var typedData = tx["typedData"]!.ToJsonString();
        var (first, second, third) = (world.Owners[0], world.Owners[1], world.Owners[2]);

        var signed = await api.SignAsync(safeTxHash, DemoSigners.SignTypedData(first, typedData), cancellationToken);
        progress($"owner {first.Address} signed the typed data (EIP-712): {Signatures(signed)}");
        signed = await api.SignAsync(safeTxHash, DemoSigners.EthSign(second, safeTxHash), cancellationToken);
        progress($"owner {second.Address} signed the hash (eth_sign): {Signatures(signed)}");
        var approval = await DemoSigners.ApproveOnChainAsync(world, third, safeTxHash);
        progress($"owner {third.Address} approved the hash on chain in {approval}; the watcher counts it as the third signature");
    }

    /// <summary>anvil's <c>evm_setTime</c>: the next blocks are stamped from this instant on, even when it lies in the past.</summary>
    private static async Task SetChainTimeAsync(DevnetChain chain, DateTimeOffset at) =>
        await chain.CreateWeb3().Client.SendRequestAsync<object>(new RpcRequest(1, "evm_setTime", at.ToUnixTimeSeconds()));

    private static string Signatures(JsonNode tx) =>
        $"{tx["signatures"]!.AsArray().Count}/{tx["threshold"]} signatures, status {tx["status"]}";

    /// <summary>Polls the transaction, printing each status it passes through, until it reaches <paramref name="target"/>.</summary>
    private static async Task<JsonNode> WaitForAsync(
        DemoApi api, string safeTxHash, string target, Action<string> progress, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        string? last = null;
        while (true)
        {
            var tx = await api.GetAsync($"api/transactions/{safeTxHash}", cancellationToken);
            var status = tx["status"]!.GetValue<string>();
            if (status != last)
            {
                progress($"transaction is {status}{(tx["executionTxHash"] is { } exec ? $" (execution {exec}, block {tx["blockNumber"]})" : "")}");
                last = status;
            }

            if (status == target)
            {
                return tx;
            }

            if (status is "Failed" or "Superseded" or "Cancelled" || DateTime.UtcNow > deadline)
            {
                var alerts = await api.GetAsync("api/alerts", cancellationToken);
                throw new DemoException($"the transaction is {status}, not {target}: {tx["statusReason"]}; alerts: {alerts.ToJsonString()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
