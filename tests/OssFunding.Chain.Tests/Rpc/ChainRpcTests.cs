using OssFunding.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Core.Configuration;
using OssFunding.Devnet;

namespace OssFunding.Chain.Tests.Rpc;

/// <summary>Retry, failover and answer checks of <see cref="ChainRpc"/>, against anvil behind fault proxies.</summary>
public sealed class ChainRpcTests : IAsyncLifetime
{
    private DevnetChain chain = null!;
    private FaultProxy first = null!;
    private FaultProxy second = null!;

    public async Task InitializeAsync()
    {
        chain = await DevnetChain.StartAsync();
        first = await FaultProxy.StartAsync(chain.RpcUrl);
        second = await FaultProxy.StartAsync(chain.RpcUrl);
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await chain.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_first_url_is_retried_then_the_second_url_answers()
    {
        first.Inject(FaultKind.Http500);
        using var rpc = Rpc(first.Url, second.Url);

        var block = await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.latest, CancellationToken.None);

        Assert.Equal((long)await chain.Rpc.BlockNumberAsync(), block.Number);
        // Chain id check on first use, failing three times (one try + two retries); then the second URL.
        Assert.Equal(1 + ChainTestbed.FastPolicy.MaxRetryAttempts, first.Count(RpcMethods.ChainId));
        Assert.Equal(1, second.Count(RpcMethods.ChainId));
        Assert.Equal(1, second.Count(RpcMethods.GetBlockByNumber));
    }

    [Fact]
    public async Task A_url_of_another_chain_is_never_used_for_data()
    {
        first.Inject(FaultKind.WrongChainId, RpcMethods.ChainId);
        using var rpc = Rpc(first.Url, second.Url);

        await rpc.GetBlockAsync(0, CancellationToken.None);
        await rpc.GetBlockAsync(0, CancellationToken.None);

        Assert.Equal(0, first.Count(RpcMethods.GetBlockByNumber));
        Assert.Equal(2, second.Count(RpcMethods.GetBlockByNumber));
        Assert.Equal(1, second.Count(RpcMethods.ChainId));
    }

    [Fact]
    public async Task The_chain_id_is_checked_once_per_url()
    {
        using var rpc = Rpc(first.Url);

        for (var i = 0; i < 3; i++)
        {
            await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.latest, CancellationToken.None);
        }

        Assert.Equal(1, first.Count(RpcMethods.ChainId));
        Assert.Equal(3, first.Count(RpcMethods.GetBlockByNumber));
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.NullResult)]
    [InlineData(FaultKind.Http500)]
    [InlineData(FaultKind.Hang)]
    public async Task A_transient_bad_answer_is_retried_on_the_same_url(FaultKind fault)
    {
        first.Inject(fault, RpcMethods.GetBlockByNumber, times: 1);
        using var rpc = Rpc(first.Url, second.Url);

        var block = await rpc.GetBlockAsync(0, CancellationToken.None);

        Assert.Equal(0, block.Number);
        Assert.Equal(2, first.Count(RpcMethods.GetBlockByNumber));
        Assert.Equal(0, second.TotalCalls);
    }

    [Fact]
    public async Task When_every_url_fails_the_error_names_each_without_its_path()
    {
        first.Inject(FaultKind.MalformedJson, RpcMethods.GetBlockByNumber);
        second.Inject(FaultKind.NullResult, RpcMethods.GetBlockByNumber);
        using var rpc = Rpc(first.Url + "/secret-api-key", second.Url + "/secret-api-key");

        var error = await Assert.ThrowsAsync<RpcUnavailableException>(() => rpc.GetBlockAsync(1, CancellationToken.None));

        Assert.Equal(2, error.Failures.Count);
        Assert.Contains("rpc[0]", error.Failures[0], StringComparison.Ordinal);
        Assert.Contains("null", error.Failures[1], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_other_than_the_one_asked_for_is_a_bad_answer()
    {
        using var rpc = Rpc(first.Url);
        await chain.Rpc.MineAsync(3);
        first.Inject(FaultKind.Redirect, RpcMethods.GetBlockByNumber);

        var error = await Assert.ThrowsAsync<RpcUnavailableException>(() => rpc.GetBlockAsync(1, CancellationToken.None));

        Assert.Contains("asked for block 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_circuit_sends_calls_straight_to_the_next_url()
    {
        first.Inject(FaultKind.Http500);
        using var rpc = Rpc(first.Url, second.Url);
        await rpc.GetBlockAsync(0, CancellationToken.None);
        var callsBefore = first.TotalCalls;

        await rpc.GetBlockAsync(0, CancellationToken.None);

        Assert.Equal(callsBefore, first.TotalCalls);
        Assert.Equal(2, second.Count(RpcMethods.GetBlockByNumber));
    }

    [Fact]
    public void A_configuration_without_urls_or_with_a_bad_url_is_refused()
    {
        var none = Assert.Throws<ArgumentException>(() => new ChainRpc(
            Options.Create(new ChainOptions { RpcUrls = [] }), ChainTestbed.FastPolicy, NullLogger<ChainRpc>.Instance));
        Assert.Contains("Chain:RpcUrls", none.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentException>(() => new ChainRpc(
            Options.Create(new ChainOptions { RpcUrls = ["ftp://x"] }), ChainTestbed.FastPolicy, NullLogger<ChainRpc>.Instance));
        Assert.Contains("Chain:RpcUrls:0", bad.Message, StringComparison.Ordinal);
    }

    private ChainRpc Rpc(params string[] urls) => new(
        Options.Create(new ChainOptions { ChainId = chain.ChainId, RpcUrls = [.. urls] }),
        ChainTestbed.FastPolicy, NullLogger<ChainRpc>.Instance);
}
