using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>A request the fake answered: method, path and query, status.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, int Status);

/// <summary>
/// An in-process Safe Transaction Service on 127.0.0.1 (real HTTP, Kestrel) for one chain, under the path prefix of the
/// hosted service (<c>/tx-service/{network}</c>). It reads Safes from anvil and validates like the real service
/// (see <see cref="ProposalEndpoint"/>, <see cref="ConfirmationEndpoints"/>, <see cref="QueueEndpoint"/>,
/// <see cref="DelegateEndpoints"/>), requires <c>Authorization: Bearer {apiKey}</c>, and can be told to answer 429/5xx
/// for a number of requests, to rate-limit like the hosted service (<see cref="RateLimit"/>), or to stop listening and
/// come back on the same port with its data intact.
/// </summary>
public sealed class FakeTransactionService : IAsyncDisposable
{
    public const string PathPrefix = "/tx-service/devnet";

    private readonly FakeServiceStore store = new();
    private readonly FakeSafeChain chain;
    private readonly string apiKey;
    private readonly long chainId;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Lock faultGate = new();
    private WebApplication? app;
    private int port;
    private int faultsLeft;
    private int faultStatus;
    private TimeSpan? faultRetryAfter;
    private FakeRateLimiter? limiter;

    private FakeTransactionService(string rpcUrl, string apiKey, long chainId)
    {
        chain = new FakeSafeChain(rpcUrl);
        this.apiKey = apiKey;
        this.chainId = chainId;
    }

    /// <summary>Base URL as an operator would configure Signing:BaseUrl.</summary>
    public string BaseUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{PathPrefix}");

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Starts on a free loopback port; <paramref name="chainId"/> is the chain whose delegate payloads it accepts.</summary>
    public static async Task<FakeTransactionService> StartAsync(string rpcUrl, string apiKey, long chainId)
    {
        var service = new FakeTransactionService(rpcUrl, apiKey, chainId);
        await service.ListenAsync(0);
        return service;
    }

    /// <summary>Registers <paramref name="delegateAddress"/> as a delegate of owner <paramref name="delegator"/> for <paramref name="safe"/>.</summary>
    public void RegisterDelegate(string safe, string delegateAddress, string delegator) => store.AddDelegate(safe, delegateAddress, delegator, "test setup");

    /// <summary>Delegations registered (by <see cref="RegisterDelegate"/> or <c>POST /api/v2/delegates/</c>): (safe, delegate, delegator, label).</summary>
    public IReadOnlyList<(string? Safe, string Delegate, string Delegator, string Label)> Delegates =>
        store.Delegates().Select(d => (d.Safe, d.Delegate, d.Delegator, d.Label)).ToList();

    /// <summary>
    /// From now on at most <paramref name="requests"/> requests per <paramref name="window"/> (a fixed window opened
    /// by the first request), as the hosted service limits an API key: every answer carries X-RateLimit-Limit,
    /// X-RateLimit-Remaining and X-RateLimit-Reset (whole seconds until the window resets); a request over the limit
    /// gets 429 with Retry-After and is not served.
    /// </summary>
    public void RateLimit(int requests, TimeSpan window) => limiter = new FakeRateLimiter(requests, window);

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> (with Retry-After when given).</summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        lock (faultGate)
        {
            (faultsLeft, faultStatus, faultRetryAfter) = (count, (int)status, retryAfter);
        }
    }

    /// <summary>Stops listening (connections are refused) and keeps every proposal and confirmation.</summary>
    public async Task StopAsync()
    {
        if (app is { } running)
        {
            app = null;
            await running.StopAsync();
            await running.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestartAsync() => app is null ? ListenAsync(port) : Task.CompletedTask;

    public bool Knows(string safeTxHash) => store.Find(safeTxHash) is not null;

    public IReadOnlyList<StoredConfirmationView> ConfirmationsOf(string safeTxHash) =>
        store.ConfirmationsOf(safeTxHash).Select(c => new StoredConfirmationView(c.Owner, c.Signature, c.SignatureType)).ToList();

    /// <summary>(Proposer, proposedByDelegate, origin, trusted) of a stored transaction.</summary>
    public (string Proposer, string? ProposedByDelegate, string? Origin, bool Trusted)? Describe(string safeTxHash) =>
        store.Find(safeTxHash) is { } t ? (t.Proposer, t.ProposedByDelegate, t.Fields.Origin, t.Trusted) : null;

    /// <summary>Lists a confirmation without any check, as a compromised or buggy service could.</summary>
    public void InjectConfirmation(string safeTxHash, string owner, string signature, string signatureType) =>
        store.Confirm(store.Find(safeTxHash) ?? throw new InvalidOperationException($"{safeTxHash} was never proposed"),
            new StoredConfirmation(owner, signature, signatureType, DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ListenAsync(int onPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, onPort));
        builder.Services.AddSingleton(store).AddSingleton(chain);
        var web = builder.Build();
        web.Use(RecordAsync);
        web.Use(InjectFaultsAsync);
        web.Use((context, next) => limiter is { } limit ? limit.ApplyAsync(context, next) : next(context));
        web.Use(RequireKeyAsync);
        Map(web.MapGroup(PathPrefix));
        await web.StartAsync();
        port = new Uri(web.Urls.First()).Port;
        app = web;
    }

    private void Map(RouteGroupBuilder api)
    {
        var proposals = new ProposalEndpoint(store, chain);
        var queue = new QueueEndpoint(store, chain);
        var confirmations = new ConfirmationEndpoints(store, chain);
        var delegates = new DelegateEndpoints(store, chain, chainId);
        api.MapPost("/api/v2/safes/{address}/multisig-transactions/", (string address, JsonObject? body) => proposals.HandleAsync(address, body));
        api.MapGet("/api/v2/safes/{address}/multisig-transactions/", (string address, HttpRequest request) => queue.ListAsync(address, request));
        api.MapGet("/api/v1/multisig-transactions/{safeTxHash}/confirmations/", (string safeTxHash, HttpRequest request) => confirmations.List(safeTxHash, request));
        api.MapPost("/api/v1/multisig-transactions/{safeTxHash}/confirmations/", (string safeTxHash, JsonObject? body) => confirmations.AddAsync(safeTxHash, body));
        api.MapPost("/api/v2/delegates/", (JsonObject? body) => delegates.AddAsync(body));
        api.MapGet("/api/v2/delegates/", (HttpRequest request) => delegates.List(request));
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Response.StatusCode));
    }

    private async Task InjectFaultsAsync(HttpContext context, RequestDelegate next)
    {
        int status;
        TimeSpan? retryAfter;
        lock (faultGate)
        {
            if (faultsLeft <= 0)
            {
                status = 0;
                retryAfter = null;
            }
            else
            {
                faultsLeft--;
                (status, retryAfter) = (faultStatus, faultRetryAfter);
            }
        }

        if (status == 0)
        {
            await next(context);
            return;
        }

        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await Results.Json(new { detail = status == 429 ? "Request was throttled." : "Server error." }, statusCode: status).ExecuteAsync(context);
    }

    private async Task RequireKeyAsync(HttpContext context, RequestDelegate next)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!string.Equals(header, $"Bearer {apiKey}", StringComparison.Ordinal))
        {
            var detail = header.Length == 0 ? "Authentication credentials were not provided." : "Invalid API key.";
            await Results.Json(new { detail }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}

/// <summary>A confirmation the fake holds, for assertions.</summary>
public sealed record StoredConfirmationView(string Owner, string Signature, string SignatureType);
