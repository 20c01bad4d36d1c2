using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Secrets;
using Polly;
using Polly.Timeout;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Typed client of the Safe Transaction Service REST API under <c>Signing:BaseUrl</c> (e.g.
/// https://api.safe.global/tx-service/arb1). Paths as in safe-global/safe-transaction-service history/urls_v2.py and
/// history/urls.py: proposals and the queue are v2 (<c>/api/v2/safes/{address}/multisig-transactions/</c>);
/// confirmations exist only in v1 (<c>/api/v1/multisig-transactions/{safeTxHash}/confirmations/</c>); delegates are v2
/// (<c>/api/v2/delegates/</c>, history/urls_v2.py). The API key goes
/// as <c>Authorization: Bearer</c> (docs.safe.global/core-api/how-to-use-api-keys). Every call runs through
/// <see cref="ServiceHttpPipeline"/>; failures become a <see cref="TransactionServiceException"/> that names the
/// operation and the service's reasons (422 <c>nonFieldErrors</c>, field errors, <c>detail</c>), never the key.
/// </summary>
public sealed class TransactionServiceClient : IDisposable
{
    /// <summary>Largest page the service serves (DefaultPagination.max_limit).</summary>
    public const int PageSize = 200;

    private const int MaxPages = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly IOptions<SigningOptions> signing;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public TransactionServiceClient(IOptions<SigningOptions> signing, TransactionServicePolicy policy, ILogger<TransactionServiceClient> logger)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.signing = signing;
        // Polly's per-attempt timeout governs; the handler recycles connections so DNS changes are picked up.
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        pipeline = ServiceHttpPipeline.Build(policy, logger);
    }

    /// <summary>Proposes a transaction with the proposer's signature; 201 means created or already there.</summary>
    public async Task ProposeAsync(string safe, ProposalRequest proposal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        using var response = await SendAsync("propose", proposal.ContractTransactionHash,
            () => Post($"api/v2/safes/{safe}/multisig-transactions/", proposal), cancellationToken);
    }

    /// <summary>Not-executed transactions of <paramref name="safe"/> with a nonce of at least <paramref name="fromNonce"/> (the queue).</summary>
    public async Task<IReadOnlyList<ServiceTransaction>> GetQueueAsync(string safe, BigInteger fromNonce, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"nonce__gte={fromNonce}&executed=false&ordering=nonce");
        return await GetAllPagesAsync<ServiceTransaction>("queue", safe, $"api/v2/safes/{safe}/multisig-transactions/?{query}", cancellationToken);
    }

    public Task<IReadOnlyList<ServiceConfirmation>> GetConfirmationsAsync(string safeTxHash, CancellationToken cancellationToken) =>
        GetAllPagesAsync<ServiceConfirmation>("confirmations", safeTxHash, $"api/v1/multisig-transactions/{safeTxHash}/confirmations/", cancellationToken);

    /// <summary>Adds an owner's signature to a proposed transaction (201, also when the owner had already confirmed).</summary>
    public async Task ConfirmAsync(string safeTxHash, string signature, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("confirm", safeTxHash,
            () => Post($"api/v1/multisig-transactions/{safeTxHash}/confirmations/", new ConfirmationRequest(signature)), cancellationToken);
    }

    /// <summary>Registers a delegate signed for by its delegator (<c>POST /api/v2/delegates/</c>; the service updates an existing one).</summary>
    public async Task AddDelegateAsync(DelegateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await SendAsync("add delegate", request.Delegate, () => Post("api/v2/delegates/", request), cancellationToken);
    }

    /// <summary>The delegations of <paramref name="delegateAddress"/> for <paramref name="safe"/>.</summary>
    public Task<IReadOnlyList<ServiceDelegate>> GetDelegatesAsync(string safe, string delegateAddress, CancellationToken cancellationToken) =>
        GetAllPagesAsync<ServiceDelegate>("delegates", delegateAddress, $"api/v2/delegates/?safe={safe}&delegate={delegateAddress}", cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(string operation, string subject, string path, CancellationToken cancellationToken)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var all = new List<T>();
        for (var page = 0; page < MaxPages; page++)
        {
            var paged = string.Create(CultureInfo.InvariantCulture, $"{path}{separator}limit={PageSize}&offset={all.Count}");
            using var response = await SendAsync(operation, subject, () => new HttpRequestMessage(HttpMethod.Get, Url(paged)), cancellationToken);
            var body = await ReadAsync<ServicePage<T>>(response, operation, subject, cancellationToken);
            all.AddRange(body.Results);
            if (body.Next is null || body.Results.Count == 0 || all.Count >= body.Count)
            {
                return all;
            }
        }

        throw new TransactionServiceException(ServiceFailure.BadAnswer, $"{operation} {subject}", null,
            $"Transaction Service {operation} of {subject} did not end after {MaxPages} pages of {PageSize}.");
    }

    private HttpRequestMessage Post<TBody>(string path, TBody body) =>
        new(HttpMethod.Post, Url(path)) { Content = JsonContent.Create(body, options: Json) };

    /// <summary>Signing:BaseUrl as errors show it: a credential in the URL (userinfo, a key in path or query) masked.</summary>
    private string ShownBaseUrl => UrlMasking.MaskUrl(signing.Value.BaseUrl);

    private Uri Url(string path)
    {
        var baseUrl = signing.Value.BaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Signing:BaseUrl '{UrlMasking.MaskUrlsIn(baseUrl)}' is not an absolute http(s) URL of a Safe Transaction Service.");
        }

        return new Uri(root.AbsoluteUri.TrimEnd('/') + "/" + path);
    }

    private async Task<HttpResponseMessage> SendAsync(
        string operation, string subject, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var described = $"{operation} {subject}";
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async ctx =>
                {
                    using var message = request();
                    if (signing.Value.ApiKey is { Length: > 0 } key)
                    {
                        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }

                    return await http.SendAsync(message, ctx.CancellationToken);
                },
                context);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TransactionServiceMetrics.Calls.WithLabels(operation, "unreachable").Inc();
            throw new TransactionServiceException(ServiceFailure.Unavailable, described, null,
                $"The Transaction Service at {ShownBaseUrl} could not be reached for {described}: {UrlMasking.MaskUrlsIn(exception.Message)}", exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        TransactionServiceMetrics.Calls.WithLabels(operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)).Inc();
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ServiceErrors.ToExceptionAsync(response, described, ShownBaseUrl, cancellationToken);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, string subject, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                   ?? throw new JsonException("empty body");
        }
        catch (JsonException exception)
        {
            throw new TransactionServiceException(ServiceFailure.BadAnswer, $"{operation} {subject}", response.StatusCode,
                $"The Transaction Service answered {operation} of {subject} with a body that is not the documented JSON: {exception.Message}", exception);
        }
    }

    internal static bool IsUnauthorized(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
