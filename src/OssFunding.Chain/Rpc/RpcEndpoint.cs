using Nethereum.JsonRpc.Client;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OssFunding.Chain.Rpc;

/// <summary>
/// One entry of <c>Chain:RpcUrls</c>: a Nethereum client behind its own resilience pipeline
/// (retry with backoff and jitter → circuit breaker → per-call timeout).
/// </summary>
internal sealed class RpcEndpoint : IDisposable
{
    private readonly CircuitBreakerStateProvider breakerState = new();
    private readonly HttpClient httpClient;

    public RpcEndpoint(int index, Uri url, HttpClient httpClient, RpcPolicy policy)
    {
        Name = Describe(index, url);
        this.httpClient = httpClient;
        // Nethereum's own timeout is process-wide; the HttpClient's timeout ends calls the pipeline abandoned.
        Client = new RpcClient(url, httpClient);
        Pipeline = BuildPipeline(policy);
    }

    /// <summary>Index, host and port only: the path and query of a provider URL often carry an API key.</summary>
    public string Name { get; }

    public IClient Client { get; }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Set once <c>eth_chainId</c> answered the configured id; until then every use checks it first.</summary>
    public bool ChainIdVerified { get; set; }

    public bool IsBroken => breakerState.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public void Dispose() => httpClient.Dispose();

    private ResiliencePipeline BuildPipeline(RpcPolicy policy) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception, args.Context)),
                MaxRetryAttempts = policy.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.RetryBaseDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(CountsAgainstEndpoint(args.Outcome.Exception)),
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, policy.BreakerMinimumThroughput),
                SamplingDuration = policy.BreakerSamplingDuration,
                BreakDuration = policy.BreakDuration,
                StateProvider = breakerState,
            })
            .AddTimeout(policy.CallTimeout)
            .Build();

    private static bool IsRetryable(Exception? exception, ResilienceContext context) => exception switch
    {
        null => false,
        LogRangeRejectedException or WrongChainException or BrokenCircuitException => false,
        // A log query that times out is too big: the caller halves the range instead of asking again.
        TimeoutRejectedException => context.OperationKey != RpcMethods.GetLogs,
        OperationCanceledException => !context.CancellationToken.IsCancellationRequested,
        _ => true,
    };

    private static bool CountsAgainstEndpoint(Exception? exception) =>
        exception is not null and not LogRangeRejectedException and not OperationCanceledException;

    private static string Describe(int index, Uri url) =>
        url.IsDefaultPort ? $"rpc[{index}] {url.Host}" : $"rpc[{index}] {url.Host}:{url.Port}";
}

/// <summary>JSON-RPC method names, also the <c>method</c> label of <c>ossfunding_rpc_calls_total</c>.</summary>
public static class RpcMethods
{
    public const string ChainId = "eth_chainId";
    public const string GetBlockByNumber = "eth_getBlockByNumber";
    public const string GetLogs = "eth_getLogs";
    public const string GetTransactionReceipt = "eth_getTransactionReceipt";
    public const string GetStorageAt = "eth_getStorageAt";
}
