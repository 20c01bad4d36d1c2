using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OssFunding.TestSupport;

/// <summary>
/// A JSON-RPC proxy on 127.0.0.1 in front of anvil: counts calls by method and injects the faults a real provider
/// shows (HTTP 500, hangs, "too many results", malformed JSON, another chain, lying hashes, null results, empty logs),
/// and can hold a block tag such as <c>finalized</c> at a chosen block.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream = new();
    private readonly Uri upstreamUrl;
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly List<FaultRule> rules = [];
    private readonly Dictionary<string, long> pinnedTags = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private FaultProxy(WebApplication app, Uri upstreamUrl)
    {
        this.app = app;
        this.upstreamUrl = upstreamUrl;
    }

    public string Url { get; private set; } = "";

    public static async Task<FaultProxy> StartAsync(string upstreamUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultProxy(app, new Uri(upstreamUrl));
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return proxy;
    }

    public int Count(string method) => calls.GetValueOrDefault(method);

    public int TotalCalls => calls.Values.Sum();

    public IReadOnlyDictionary<string, int> Calls => new Dictionary<string, int>(calls);

    public void ResetCounts() => calls.Clear();

    /// <summary>The block whose state <see cref="FaultKind.OtherForkStateByNumber"/> answers state reads by number from.</summary>
    public long OtherForkBlock { get; set; }

    /// <summary>Called with each request's method before it is answered (e.g. to cancel a poll mid-flight).</summary>
    public Action<string>? OnRequest { get; set; }

    /// <summary>Injects <paramref name="kind"/> into calls of <paramref name="method"/> (all methods when null).</summary>
    public void Inject(FaultKind kind, string? method = null, int times = int.MaxValue, Func<JsonNode, bool>? when = null)
    {
        lock (gate)
        {
            rules.Add(new FaultRule(kind, method, when) { Remaining = times });
        }
    }

    /// <summary>
    /// Answers <c>eth_getBlockByNumber("<paramref name="tag"/>")</c> (e.g. <c>finalized</c>, <c>safe</c>) with block
    /// <paramref name="block"/> instead of the node's: a chain whose finality trails where anvil puts it. Pin again to
    /// move it, <see cref="UnpinBlockTag"/> to let the node answer.
    /// </summary>
    public void PinBlockTag(string tag, long block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        lock (gate)
        {
            pinnedTags[tag] = block;
        }
    }

    public void UnpinBlockTag(string tag)
    {
        lock (gate)
        {
            pinnedTags.Remove(tag);
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = JsonNode.Parse(body)!;
        var method = (string)request["method"]!;
        calls.AddOrUpdate(method, 1, (_, count) => count + 1);
        OnRequest?.Invoke(method);
        var fault = TakeFault(method, request);
        context.Response.ContentType = "application/json";
        switch (fault)
        {
            case FaultKind.Http500:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("upstream exploded", context.RequestAborted);
                return;
            case FaultKind.Hang:
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FaultKind.TooManyResults:
                await WriteAsync(context, Error(request, -32005, "query returned more than 10000 results"));
                return;
            case FaultKind.AlchemyRangeLimit:
                await WriteAsync(context, Error(request, -32602, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K " +
                    "block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response."));
                return;
            case FaultKind.RethRangeLimit:
                await WriteAsync(context, Error(request, -32602, "query exceeds max block range 100000"));
                return;
            case FaultKind.QuickNodeHttp413:
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await WriteAsync(context, Error(request, -32602, "eth_getLogs is limited to a 10,000 range"));
                return;
            case FaultKind.InfuraRateLimit:
                await WriteAsync(context, Error(request, -32005, "daily request count exceeded, request rate limited"));
                return;
            case FaultKind.MalformedJson:
                await context.Response.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request["id"]?.ToJsonString() + ",\"result\":[{\"blo",
                    context.RequestAborted);
                return;
            case FaultKind.NullResult:
                await WriteAsync(context, Result(request, null));
                return;
            case FaultKind.EmptyLogs:
                await WriteAsync(context, Result(request, new JsonArray()));
                return;
            case FaultKind.WrongChainId:
                await WriteAsync(context, Result(request, JsonValue.Create("0x1")));
                return;
        }

        if (fault == FaultKind.Redirect)
        {
            // Answer a block query with the next block: a node that returns something other than what was asked.
            request["params"]![0] = "0x" + (Hex(request["params"]![0]!) + 1).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            body = request.ToJsonString();
        }

        if (fault == FaultKind.OtherForkStateByNumber && request["params"]?[2] is JsonValue number && number.TryGetValue(out string? _))
        {
            // A node still on the other side of a reorg: at this height its chain is the one of OtherForkBlock.
            request["params"]![2] = "0x" + OtherForkBlock.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            body = request.ToJsonString();
        }

        body = PinTag(method, request) ?? body;
        var answer = await ForwardAsync(body, context.RequestAborted);
        if (fault == FaultKind.LyingBlockHash)
        {
            Lie(answer["result"]);
        }

        if (fault == FaultKind.ForeignContractLog && answer["result"] is JsonArray { Count: > 0 } logs)
        {
            // The same event, topics and data, emitted by another contract: a lookalike token or Safe.
            var foreign = logs[^1]!.DeepClone();
            foreign["address"] = "0x000000000000000000000000000000000000dEaD";
            foreign["logIndex"] = "0x" + (Hex(foreign["logIndex"]!) + 1).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            logs.Add(foreign);
        }

        await WriteAsync(context, answer);
    }

    /// <summary>The request with a pinned block tag replaced by its block number; null when nothing is pinned for it.</summary>
    private string? PinTag(string method, JsonNode request)
    {
        if (method != "eth_getBlockByNumber" || request["params"]?[0] is not JsonValue first || !first.TryGetValue(out string? tag))
        {
            return null;
        }

        lock (gate)
        {
            if (!pinnedTags.TryGetValue(tag, out var block))
            {
                return null;
            }

            request["params"]![0] = "0x" + block.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            return request.ToJsonString();
        }
    }

    private FaultKind? TakeFault(string method, JsonNode request)
    {
        lock (gate)
        {
            var rule = rules.FirstOrDefault(r => r.Remaining > 0 && (r.Method is null || r.Method == method)
                                                 && (r.When is null || r.When(request)));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.Kind;
        }
    }

    private async Task<JsonNode> ForwardAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await upstream.PostAsync(upstreamUrl, content, cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
    }

    /// <summary>Replaces every block hash in a block or log answer by one that belongs to no block.</summary>
    private static void Lie(JsonNode? result)
    {
        const string bogus = "0x" + "dead" + "beef" + "00000000000000000000000000000000000000000000000000000000";
        switch (result)
        {
            case JsonObject block when block.ContainsKey("hash") && block.ContainsKey("parentHash"):
                block["hash"] = bogus;
                break;
            case JsonObject receipt when receipt.ContainsKey("blockHash"):
                receipt["blockHash"] = bogus;
                break;
            case JsonArray logs:
                // The last log only: a node whose answer contradicts itself, its receipts or the head.
                if (logs.LastOrDefault() is JsonObject last)
                {
                    last["blockHash"] = bogus;
                }

                break;
        }
    }

    /// <summary>True for an <c>eth_getLogs</c> request spanning more than <paramref name="blocks"/> blocks.</summary>
    public static Func<JsonNode, bool> LogRangeWiderThan(long blocks) => request =>
    {
        var filter = request["params"]![0]!;
        return Hex(filter["toBlock"]!) - Hex(filter["fromBlock"]!) + 1 > blocks;
    };

    /// <summary>True for an <c>eth_getLogs</c> request whose range holds block <paramref name="block"/>.</summary>
    public static Func<JsonNode, bool> LogRangeCovers(long block) => request =>
    {
        var filter = request["params"]![0]!;
        return Hex(filter["fromBlock"]!) <= block && block <= Hex(filter["toBlock"]!);
    };

    /// <summary>True for an <c>eth_getLogs</c> request whose filter names <paramref name="address"/> (case-insensitive).</summary>
    public static Func<JsonNode, bool> LogsOf(string address) => request =>
        request["params"]![0]!["address"] is { } filter
        && (filter is JsonArray many ? many.Select(item => (string)item!) : [(string)filter!])
            .Any(item => string.Equals(item, address, StringComparison.OrdinalIgnoreCase));

    private static long Hex(JsonNode value) =>
        Convert.ToInt64(((string)value!)[2..], 16);

    private static JsonObject Result(JsonNode request, JsonNode? result) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = request["id"]?.DeepClone(), ["result"] = result };

    private static JsonObject Error(JsonNode request, int code, string message) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = request["id"]?.DeepClone(), ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static Task WriteAsync(HttpContext context, JsonNode answer) =>
        context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);

    private sealed record FaultRule(FaultKind Kind, string? Method, Func<JsonNode, bool>? When)
    {
        public int Remaining { get; set; }
    }
}

public enum FaultKind
{
    Http500,
    Hang,
    TooManyResults,
    MalformedJson,
    NullResult,
    WrongChainId,
    LyingBlockHash,
    Redirect,

    /// <summary>Alchemy's refusal of a range (-32602 "Log response size exceeded …").</summary>
    AlchemyRangeLimit,

    /// <summary>reth's refusal (-32602 "query exceeds max block range 100000").</summary>
    RethRangeLimit,

    /// <summary>QuickNode's refusal answered as HTTP 413 ("eth_getLogs is limited to a 10,000 range").</summary>
    QuickNodeHttp413,

    /// <summary>Infura's rate limit, -32005 like its result limit: a reason to retry, not to shrink the range.</summary>
    InfuraRateLimit,

    /// <summary>
    /// A state read naming its block by number (not by EIP-1898 hash) answered from <see cref="OtherForkBlock"/>: a node of
    /// the pool still on another fork, where that height does not hold what the canonical one does. Reads by hash pass.
    /// </summary>
    OtherForkStateByNumber,

    /// <summary>An <c>eth_getLogs</c> answer with one log more: a copy of its last log from another contract.</summary>
    ForeignContractLog,

    /// <summary>An <c>eth_getLogs</c> answered with <c>[]</c>: a node behind a load balancer that has not reached the range yet.</summary>
    EmptyLogs,
}
