using Microsoft.Extensions.Diagnostics.HealthChecks;
using OssFunding.Core.Storage;

namespace OssFunding.Worker.Health;

/// <summary>Readiness: the ledger database answers a trivial query.</summary>
internal sealed class DatabaseHealthCheck(ILedgerMigrator ledger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await ledger.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("database answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"database unreachable: {e.Message}");
        }
    }
}
