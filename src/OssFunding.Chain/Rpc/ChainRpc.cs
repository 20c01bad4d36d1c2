using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth;
using OssFunding.Core.Configuration;
using OssFunding.Core.Secrets;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OssFunding.Chain.Rpc;

/// <summary>
/// JSON-RPC access over <c>Chain:RpcUrls</c>, tried in order: each endpoint retries with backoff, times out per call,
/// and is skipped while its circuit breaker is open. Answers are checked before they are returned: a wrong chain id,
/// a null or mismatched block, an inconsistent log or a missing receipt is an error, never data.
/// Every HTTP call is counted in <c>ossfunding_rpc_calls_total{endpoint,method,result}</c>.
/// </summary>
public sealed partial class ChainRpc : IDisposable
{
    private readonly IReadOnlyList<RpcEndpoint> endpoints;
    private readonly SocketsHttpHandler httpHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly long chainId;
    private readonly ILogger<ChainRpc> logger;

    public ChainRpc(IOptions<ChainOptions> options, RpcPolicy policy, ILogger<ChainRpc> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        var urls = options.Value.RpcUrls;
        if (urls.Count == 0)
        {
            throw new ArgumentException("Chain:RpcUrls is empty: at least one RPC URL is required.", nameof(options));
        }

        chainId = options.Value.ChainId;
        this.logger = logger;
        // One HttpClient per endpoint (Nethereum sets its base address), sharing one connection pool. The policy's
        // timeout governs each call; the HttpClient's own limit only ends calls the policy has already abandoned.
        // Each endpoint is paced on its own (Chain:MaxRequestsPerSecond, HTTP 429): providers limit per key. The hold of a
        // 429 may add MaxHold per retry to a call, beyond the policy's timeout: that wait is the provider's, not a hang.
        var maxRequestsPerSecond = options.Value.MaxRequestsPerSecond;
        endpoints = urls.Select((url, index) => new RpcEndpoint(index, ParseUrl(url, index),
            new HttpClient(new RpcPacingHandler(maxRequestsPerSecond, TimeProvider.System) { InnerHandler = httpHandler }, disposeHandler: true)
            {
                Timeout = policy.CallTimeout + TimeSpan.FromSeconds(5),
            },
            policy)).ToList();
    }

    /// <summary>
    /// Runs one JSON-RPC call with retry and failover. <paramref name="check"/> returns a description of what is wrong
    /// with an answer, or null when it is acceptable; a wrong answer is retried like an error.
    /// </summary>
    public async Task<T> SendAsync<T>(
        string method, Func<IClient, Task<T>> call, Func<T, string?> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(check);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.IsBroken)
            {
                failures.Add($"{endpoint.Name}: circuit open");
                continue;
            }

            var context = ResilienceContextPool.Shared.Get(method, cancellationToken);
            try
            {
                return await endpoint.Pipeline.ExecuteAsync(
                    async ctx => await CallCheckedAsync(endpoint, method, call, check, ctx.CancellationToken), context);
            }
            catch (TimeoutRejectedException exception) when (method == RpcMethods.GetLogs)
            {
                throw new LogRangeRejectedException("timed out", exception);
            }
            catch (Exception exception) when (IsEndpointFailure(exception, cancellationToken))
            {
                var error = UrlMasking.MaskUrlsIn(exception.Message);
                failures.Add($"{endpoint.Name}: {error}");
                logger.LogWarning("RPC {Method} failed on {Endpoint}: {Error}; trying the next endpoint", method, endpoint.Name, error);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        throw new RpcUnavailableException(method, failures);
    }

    public void Dispose()
    {
        foreach (var endpoint in endpoints)
        {
            endpoint.Dispose();
        }

        httpHandler.Dispose();
    }

    private async Task<T> CallCheckedAsync<T>(
        RpcEndpoint endpoint, string method, Func<IClient, Task<T>> call, Func<T, string?> check, CancellationToken token)
    {
        if (!endpoint.ChainIdVerified)
        {
            var actual = (long)(await InvokeAsync(endpoint, RpcMethods.ChainId,
                client => new EthChainId(client).SendRequestAsync(), token)).Value;
            if (actual != chainId)
            {
                throw new WrongChainException(endpoint.Name, chainId, actual);
            }

            endpoint.ChainIdVerified = true;
        }

        var result = await InvokeAsync(endpoint, method, call, token);
        var problem = result is null ? "null result" : check(result);
        if (problem is not null)
        {
            RpcMetrics.Count(endpoint, method, "bad_answer");
            throw new BadRpcAnswerException(method, endpoint.Name, problem);
        }

        return result!;
    }

    private static async Task<T> InvokeAsync<T>(
        RpcEndpoint endpoint, string method, Func<IClient, Task<T>> call, CancellationToken token)
    {
        try
        {
            // Nethereum takes no token: an abandoned call ends on its own ConnectionTimeout.
            var result = await call(endpoint.Client).WaitAsync(token);
            RpcMetrics.Count(endpoint, method, "ok");
            return result;
        }
        catch (RpcResponseException exception)
        {
            RpcMetrics.Count(endpoint, method, "rpc_error");
            if (method == RpcMethods.GetLogs && LogRangeErrors.IsRangeProblem(exception.RpcError))
            {
                throw new LogRangeRejectedException(exception.RpcError.Message, exception);
            }

            throw;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            RpcMetrics.Count(endpoint, method, "timeout");
            throw;
        }
        catch (Exception exception) when (method == RpcMethods.GetLogs && LogRangeErrors.IsRangeProblem(exception))
        {
            RpcMetrics.Count(endpoint, method, "rpc_error");
            throw new LogRangeRejectedException("HTTP 413 Request Entity Too Large", exception);
        }
        catch (Exception)
        {
            RpcMetrics.Count(endpoint, method, "transport_error");
            throw;
        }
    }

    private static bool IsEndpointFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not LogRangeRejectedException
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static Uri ParseUrl(string url, int index) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"Chain:RpcUrls:{index} is not an absolute http(s) URL.", nameof(url));
}
