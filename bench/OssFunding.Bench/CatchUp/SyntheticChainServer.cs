using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OssFunding.Bench.CatchUp;

/// <summary>
/// JSON-RPC over real HTTP on 127.0.0.1 (a port the OS picks) serving a <see cref="SyntheticChain"/> with a large
/// provider's limits: an <c>eth_getLogs</c> over more than <see cref="MaxBlocks"/> blocks is refused as reth words it
/// (-32602 "query exceeds max block range 100000"), one matching more than <see cref="MaxLogs"/> logs as geth and Infura
/// word it (-32005 "query returned more than 10000 results"), and a request above <see cref="MaxRequestsPerSecond"/> in
/// the last second gets HTTP 429 with Retry-After: 1. Counts every request by method, 429s included.
/// </summary>
internal sealed class SyntheticChainServer : IAsyncDisposable
{
    public const int MaxBlocks = 100_000;
    public const int MaxLogs = 10_000;

    private readonly WebApplication app;
    private readonly SyntheticChain chain;
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly Queue<long> recent = new();
    private readonly Lock gate = new();
    private readonly long chainId;

    private SyntheticChainServer(WebApplication app, SyntheticChain chain, long chainId, int maxRequestsPerSecond)
    {
        this.app = app;
        this.chain = chain;
        this.chainId = chainId;
        MaxRequestsPerSecond = maxRequestsPerSecond;
    }

    public int MaxRequestsPerSecond { get; }

    public string Url { get; private set; } = "";

    public int RateLimited { get; private set; }

    public int RangeRefusals { get; private set; }

    public IReadOnlyDictionary<string, int> Calls => new SortedDictionary<string, int>(calls, StringComparer.Ordinal);

    public int TotalCalls => calls.Values.Sum() + RateLimited;

    public static async Task<SyntheticChainServer> StartAsync(SyntheticChain chain, long chainId, int maxRequestsPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new SyntheticChainServer(app, chain, chainId, maxRequestsPerSecond);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!TakeRequestSlot())
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":429,\"message\":\"Too Many Requests\"}}");
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var request = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted))!;
        var method = (string)request["method"]!;
        calls.AddOrUpdate(method, 1, (_, count) => count + 1);
        var parameters = request["params"]?.AsArray() ?? [];
        JsonObject answer;
        try
        {
            answer = Result(request, Answer(method, parameters));
        }
        catch (RpcRefusal refusal)
        {
            answer = new JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = request["id"]?.DeepClone(),
                ["error"] = new JsonObject { ["code"] = refusal.Code, ["message"] = refusal.Message },
            };
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    /// <summary>At most <see cref="MaxRequestsPerSecond"/> requests in any second (a sliding window).</summary>
    private bool TakeRequestSlot()
    {
        var now = Environment.TickCount64;
        lock (gate)
        {
            while (recent.Count > 0 && recent.Peek() <= now - 1000)
            {
                recent.Dequeue();
            }

            if (recent.Count >= MaxRequestsPerSecond)
            {
                RateLimited++;
                return false;
            }

            recent.Enqueue(now);
            return true;
        }
    }

    private JsonNode? Answer(string method, JsonArray parameters) => method switch
    {
        "eth_chainId" => SyntheticChain.ToHex(chainId),
        "eth_blockNumber" => SyntheticChain.ToHex(chain.Head),
        "eth_getBlockByNumber" => Block(parameters[0]!),
        "eth_getLogs" => Logs((JsonObject)parameters[0]!),
        "eth_getTransactionReceipt" => chain.Receipt((string)parameters[0]!),
        "eth_getStorageAt" => Storage((string)parameters[0]!, (string)parameters[1]!, parameters[2]!),
        _ => throw new RpcRefusal(-32601, $"the method {method} does not exist/is not available"),
    };

    private JsonObject? Block(JsonNode parameter)
    {
        var block = (string)parameter! switch
        {
            "latest" or "pending" => chain.Head,
            "safe" => chain.Head - 1_000,
            "finalized" => chain.Head - 2_000,
            "earliest" => 0,
            var number => SyntheticChain.Hex(number),
        };
        return block <= chain.Head ? SyntheticChain.BlockAt(block) : null;
    }

    private JsonArray Logs(JsonObject filter)
    {
        var from = SyntheticChain.Hex(filter["fromBlock"]!);
        var to = SyntheticChain.Hex(filter["toBlock"]!);
        if (from > to || to > chain.Head)
        {
            throw new RpcRefusal(-32602, $"invalid block range params: {from}..{to}, head {chain.Head}");
        }

        if (to - from + 1 > MaxBlocks)
        {
            RangeRefusals++;
            throw new RpcRefusal(-32602, $"query exceeds max block range {MaxBlocks}");
        }

        var addresses = filter["address"] switch
        {
            JsonArray many => many.Select(item => ((string)item!).ToLowerInvariant()).ToList(),
            var one => [((string)one!).ToLowerInvariant()],
        };
        var logs = chain.LogsIn(from, to, addresses, filter["topics"] as JsonArray);
        if (logs.Count > MaxLogs)
        {
            RangeRefusals++;
            throw new RpcRefusal(-32005, $"query returned more than {MaxLogs} results");
        }

        return [.. logs];
    }

    private JsonNode Storage(string address, string slot, JsonNode at)
    {
        long block = at is JsonObject byHash
            ? chain.BlockOf((string)byHash["blockHash"]!) ?? throw new RpcRefusal(-32000, $"header for hash {(string)byHash["blockHash"]!} not found")
            : (string)at! == "latest" ? chain.Head : SyntheticChain.Hex(at);
        if (block > chain.Head)
        {
            throw new RpcRefusal(-32000, "header not found");
        }

        var value = address.Equals(chain.Safe, StringComparison.OrdinalIgnoreCase) && Convert.ToInt64(slot, 16) == 5 ? chain.NonceAt(block) : 0;
        return "0x" + value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonObject Result(JsonNode request, JsonNode? result) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = request["id"]?.DeepClone(), ["result"] = result };

    private sealed class RpcRefusal(int code, string message) : Exception(message)
    {
        public int Code { get; } = code;
    }
}
