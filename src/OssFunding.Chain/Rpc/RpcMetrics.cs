using Prometheus;

namespace OssFunding.Chain.Rpc;

/// <summary>Prometheus series of the RPC client (one observation per HTTP call made, retries included).</summary>
internal static class RpcMetrics
{
    public static readonly Counter Calls = Metrics.CreateCounter(
        "ossfunding_rpc_calls_total",
        "JSON-RPC calls made to the chain, by method and result (ok, rpc_error, timeout, transport_error, bad_answer).",
        new CounterConfiguration { LabelNames = ["method", "result"] });

    public static void Count(string method, string result) => Calls.WithLabels(method, result).Inc();
}
