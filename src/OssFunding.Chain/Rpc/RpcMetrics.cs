using Prometheus;

namespace OssFunding.Chain.Rpc;

/// <summary>
/// Prometheus series of the RPC client (one observation per HTTP call made, retries included), per endpoint so a
/// failover list shows which provider answers and which fails. The endpoint label is the index and host of the URL
/// (<see cref="RpcEndpoint.Name"/>), never its path or query, where providers put API keys.
/// </summary>
internal static class RpcMetrics
{
    public static readonly Counter Calls = Metrics.CreateCounter(
        "ossfunding_rpc_calls_total",
        "JSON-RPC calls made to the chain, by endpoint (index and host of Chain:RpcUrls), method and result (ok, rpc_error, timeout, transport_error, bad_answer).",
        new CounterConfiguration { LabelNames = ["endpoint", "method", "result"] });

    public static void Count(RpcEndpoint endpoint, string method, string result) =>
        Calls.WithLabels(endpoint.Name, method, result).Inc();
}
