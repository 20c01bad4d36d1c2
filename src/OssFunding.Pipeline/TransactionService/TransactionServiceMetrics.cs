using Prometheus;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Prometheus series of the Safe Transaction Service client. <see cref="Publish"/> is called at start in every
/// replica, also in Local signing mode, so dashboards and alert rules find the families instead of absent ones.
/// </summary>
public static class TransactionServiceMetrics
{
    internal static readonly Counter Calls = Metrics.CreateCounter(
        "ossfunding_transaction_service_calls_total", "Calls to the Safe Transaction Service, by operation and result.", "operation", "result");

    internal static readonly Counter ConfirmationsRefused = Metrics.CreateCounter(
        "ossfunding_transaction_service_confirmations_refused_total",
        "Confirmations read from the Safe Transaction Service that did not verify locally and were not counted.");

    /// <summary>Creates the families (the call counter has no series until a call is made: its labels are open).</summary>
    public static void Publish()
    {
        GC.KeepAlive(Calls);
        GC.KeepAlive(ConfirmationsRefused);
    }
}
