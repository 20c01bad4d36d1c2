using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Chain;

namespace OssFunding.Worker.Health;

/// <summary>
/// Readiness: an RPC endpoint answers on <c>Chain:ChainId</c> (checked by <see cref="ChainRpc"/> on first use of each
/// endpoint) and the Safe has code. The answer is kept for <see cref="CacheFor"/> so frequent probes cost no RPC calls.
/// </summary>
internal sealed class ChainHealthCheck(ChainRpc rpc, SafeChainReader safe, IOptions<ChainOptions> chain, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private (DateTimeOffset At, HealthCheckResult Result)? cached;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (cached is { } last && now - last.At < CacheFor)
        {
            return last.Result;
        }

        HealthCheckResult result;
        try
        {
            var code = await rpc.SendAsync("eth_getCode",
                client => new EthGetCode(client).SendRequestAsync(safe.Safe, BlockParameter.CreateLatest()), _ => null, cancellationToken);
            result = code is null or "0x" or "0x0"
                ? HealthCheckResult.Unhealthy($"Safe {safe.Safe} has no code on chain {chain.Value.ChainId}")
                : HealthCheckResult.Healthy($"RPC serves chain {chain.Value.ChainId}; Safe {safe.Safe} has code");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = HealthCheckResult.Unhealthy($"chain unreachable: {exception.Message}");
        }

        cached = (now, result);
        return result;
    }
}
