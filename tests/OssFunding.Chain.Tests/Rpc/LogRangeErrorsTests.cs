using System.Net;
using Nethereum.JsonRpc.Client;
using OssFunding.Chain.Rpc;

namespace OssFunding.Chain.Tests.Rpc;

/// <summary>The refusals of a too big <c>eth_getLogs</c> range as the big providers word them, and what is not one.</summary>
public sealed class LogRangeErrorsTests
{
    public static TheoryData<int, string> Refusals => new()
    {
        // Alchemy
        { -32602, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size" },
        { -32600, "You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x1, 0x1f4]" },
        // Infura
        { -32005, "query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC]." },
        { -32602, "range 1000000 exceeds limit of 10000" },
        // QuickNode
        { -32602, "eth_getLogs is limited to a 10,000 range" },
        // Tenderly and others
        { -32000, "block range too large" },
        { -32600, "block range too high" },
        // reth
        { -32602, "query exceeds max block range 100000" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_providers_range_refusal_is_recognised(int code, string message) =>
        Assert.True(LogRangeErrors.IsRangeProblem(new RpcError(code, message)));

    [Theory]
    [InlineData(-32005, "daily request count exceeded, request rate limited")]
    [InlineData(-32005, "project ID request rate exceeded")]
    [InlineData(429, "Your app has exceeded its compute units per second capacity")]
    [InlineData(-32000, "execution reverted")]
    public void A_rate_limit_or_another_error_is_not_a_range_refusal(int code, string message) =>
        Assert.False(LogRangeErrors.IsRangeProblem(new RpcError(code, message)));

    [Fact]
    public void An_http_413_is_a_range_refusal_other_statuses_are_not()
    {
        Assert.True(LogRangeErrors.IsRangeProblem(new RpcClientUnknownException("eth_getLogs",
            new HttpRequestException("413", null, HttpStatusCode.RequestEntityTooLarge))));
        Assert.False(LogRangeErrors.IsRangeProblem(new RpcClientUnknownException("eth_getLogs",
            new HttpRequestException("429", null, HttpStatusCode.TooManyRequests))));
    }
}
