namespace OssFunding.Chain.Rpc;

/// <summary>The node answered, but the answer cannot be true (wrong block, null result, inconsistent hashes).</summary>
public sealed class BadRpcAnswerException(string method, string endpoint, string problem)
    : Exception($"{method} on {endpoint}: bad answer: {problem}")
{
    public string Method { get; } = method;
}

/// <summary>The endpoint serves another chain than <c>Chain:ChainId</c>; it is never used for data.</summary>
public sealed class WrongChainException(string endpoint, long expected, long actual)
    : Exception($"{endpoint} serves chain id {actual}, expected {expected}");

/// <summary>
/// <c>eth_getLogs</c> refused the block range (too many results, range limit) or timed out on it: the caller should
/// retry with a smaller range. Not retried or failed over, because a smaller range is the cure.
/// </summary>
public sealed class LogRangeRejectedException(string reason, Exception? inner = null)
    : Exception($"eth_getLogs rejected the block range: {reason}", inner);

/// <summary>Every configured endpoint failed for one call; carries each endpoint's last error.</summary>
public sealed class RpcUnavailableException(string method, IReadOnlyList<string> failures)
    : Exception($"{method} failed on every RPC endpoint: {string.Join("; ", failures)}")
{
    public string Method { get; } = method;

    public IReadOnlyList<string> Failures { get; } = failures;
}
