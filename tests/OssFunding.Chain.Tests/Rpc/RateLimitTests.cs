using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.Blocks;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Core.Configuration;

namespace OssFunding.Chain.Tests.Rpc;

/// <summary>
/// A provider's rate limit (Chain:MaxRequestsPerSecond, HTTP 429 + Retry-After) costs waiting, not failed calls: a
/// public endpoint's limit would otherwise fail polls and spend the quota on refusals.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_429_is_waited_out_for_its_retry_after_and_the_call_succeeds()
    {
        // After its first 429 the provider refuses everything for the second its Retry-After names.
        await using var provider = await LimitedProvider.StartAsync(refuseRequest: 2, refuseFor: TimeSpan.FromSeconds(1));
        using var rpc = Rpc(provider.Url, maxRequestsPerSecond: 0);
        var watch = Stopwatch.StartNew();

        var head = await rpc.SendAsync("eth_blockNumber", client => new EthBlockNumber(client).SendRequestAsync(),
            _ => null, CancellationToken.None);

        Assert.Equal(7, (long)head.Value);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"{watch.Elapsed}");
        Assert.Equal(1, provider.Refused);
    }

    [Fact]
    public async Task Requests_are_spaced_to_the_configured_rate()
    {
        await using var provider = await LimitedProvider.StartAsync(refuseRequest: int.MaxValue, refuseFor: TimeSpan.Zero);
        using var rpc = Rpc(provider.Url, maxRequestsPerSecond: 20);
        var watch = Stopwatch.StartNew();

        // eth_chainId first, then 10 calls: 11 requests at 20 a second take at least half a second.
        for (var call = 0; call < 10; call++)
        {
            await rpc.SendAsync("eth_blockNumber", client => new EthBlockNumber(client).SendRequestAsync(), _ => null, CancellationToken.None);
        }

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.45), $"{watch.Elapsed}");
        Assert.Equal(11, provider.Requests);
    }

    private static ChainRpc Rpc(string url, double maxRequestsPerSecond) =>
        new(Options.Create(new ChainOptions { ChainId = 42161, RpcUrls = [url], MaxRequestsPerSecond = maxRequestsPerSecond }),
            ChainTestbed.FastPolicy, NullLogger<ChainRpc>.Instance);

    /// <summary>A loopback JSON-RPC endpoint answering eth_chainId and eth_blockNumber, with a rate limit that refuses one request and what follows it for a while.</summary>
    private sealed class LimitedProvider : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly int refuseRequest;
        private readonly TimeSpan refuseFor;
        private readonly Lock gate = new();
        private DateTimeOffset refusingUntil = DateTimeOffset.MinValue;

        private LimitedProvider(WebApplication app, int refuseRequest, TimeSpan refuseFor) =>
            (this.app, this.refuseRequest, this.refuseFor) = (app, refuseRequest, refuseFor);

        public string Url { get; private set; } = "";

        public int Requests { get; private set; }

        public int Refused { get; private set; }

        public static async Task<LimitedProvider> StartAsync(int refuseRequest, TimeSpan refuseFor)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var provider = new LimitedProvider(app, refuseRequest, refuseFor);
            app.Run(provider.HandleAsync);
            await app.StartAsync();
            provider.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return provider;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = System.Text.Json.Nodes.JsonNode.Parse(await reader.ReadToEndAsync())!;
            bool refuse;
            lock (gate)
            {
                Requests++;
                if (Requests == refuseRequest)
                {
                    refusingUntil = DateTimeOffset.UtcNow + refuseFor;
                }

                refuse = DateTimeOffset.UtcNow < refusingUntil;
            }

            context.Response.ContentType = "application/json";
            if (refuse)
            {
                Refused++;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = ((int)refuseFor.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":429,\"message\":\"Too Many Requests\"}}");
                return;
            }

            var result = (string)request["method"]! == "eth_chainId" ? "0xa4b1" : "0x7";
            await context.Response.WriteAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{request["id"]!.ToJsonString()},\"result\":\"{result}\"}}");
        }
    }
}
