using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Chain;

namespace OssFunding.Worker.Health;

/// <summary>Readiness: the chain watcher was at the head less than <c>Chain:MaxWatcherLag</c> ago.</summary>
internal sealed class WatcherLagHealthCheck(WatcherProgress progress, IOptions<ChainOptions> chain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var behind = progress.Behind;
        var position = progress.Position;
        var where = position is null
            ? "no poll has finished yet"
            : string.Create(CultureInfo.InvariantCulture, $"checkpoint {position.Checkpoint}, head {position.Head}, lag {position.Lag} blocks, final {position.Final} ({chain.Value.Finality}), {position.FinalLag} blocks behind the head");
        var error = progress.LastError is { } last ? $"; last poll failed: {last}" : "";
        var limit = chain.Value.MaxWatcherLag;
        var data = Data(position, chain.Value.Finality);
        return Task.FromResult(behind <= limit
            ? HealthCheckResult.Healthy($"watcher at the head {behind.TotalSeconds:F0} s ago ({where})", data)
            : HealthCheckResult.Unhealthy(
                $"watcher last at the head {behind.TotalSeconds:F0} s ago, over Chain:MaxWatcherLag {limit} ({where}){error}", data: data));
    }

    /// <summary>The position as numbers, so a probe can read how far final trails the head without parsing text.</summary>
    private static Dictionary<string, object> Data(OssFunding.Chain.Watcher.ChainPosition? position, FinalityMode finality)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["finality"] = finality.ToString() };
        if (position is not null)
        {
            data["head"] = position.Head;
            data["checkpoint"] = position.Checkpoint;
            data["final"] = position.Final;
            data["finalLagBlocks"] = position.FinalLag;
        }

        return data;
    }
}
