using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Fake;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Client;

/// <summary>
/// <see cref="TransactionServiceClient"/> against the fake over real HTTP: 401 is "API key refused" at once, 404 and
/// 422 carry the service's reasons, 429 and 5xx are retried (waiting what Retry-After asks) and only then reported,
/// and an unreachable service is a clear transient failure. Against a fake that rate-limits as the hosted service does
/// (fixed window, X-RateLimit-* on every answer, 429 with Retry-After over the limit) the client waits for the window to
/// reset instead of spending requests on refusals, and a 429 caused by another client of the key is waited out once.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class ClientErrorHandlingTests(DevnetWorlds devnet) : IAsyncLifetime
{
    /// <summary>Waits of a second or two are allowed: the rate-limit tests use whole-second windows, as the service does.</summary>
    private static readonly TransactionServicePolicy RateLimitPolicy = ServiceHarness.FastPolicy with { MaxRetryDelay = TimeSpan.FromSeconds(5) };

    private FakeTransactionService fake = null!;

    private string Safe => devnet.World(SafeVersion.V141).SafeAddress;

    public async Task InitializeAsync() => fake = await FakeTransactionService.StartAsync(devnet.Chain.RpcUrl, ServiceHarness.ApiKey, devnet.Chain.ChainId);

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public async Task A_refused_api_key_fails_at_once_with_a_message_that_names_the_setting_but_not_the_key()
    {
        using var client = Client("wrong-key-5d1e");
        var error = await Assert.ThrowsAsync<TransactionServiceException>(() => client.GetQueueAsync(Safe, 0, CancellationToken.None));
        Assert.Equal((ServiceFailure.Unauthorized, HttpStatusCode.Unauthorized), (error.Failure, error.Status));
        Assert.StartsWith("API key refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("Signing:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-5d1e", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_422_surfaces_the_services_nonFieldErrors_and_404_says_what_is_unknown()
    {
        using var client = Client(ServiceHarness.ApiKey);
        var world = devnet.World(SafeVersion.V141);
        var tx = Proposals.Call(0, Samples.FFmpeg);
        var wrongHash = Proposals.HashFor(world, Proposals.Call(9, Samples.FFmpeg));
        var proposal = new ProposalRequest(tx.To, "0", tx.DataHex, 0, "0", "0", "0", EthAddress.Zero, EthAddress.Zero, "0", wrongHash,
            ServiceHarness.Proposer.Address, new MessageSigner().Sign(wrongHash.HexToByteArray(), ServiceHarness.Proposer.Key), ServiceProposer.Origin);
        var rejected = await Assert.ThrowsAsync<TransactionServiceException>(() => client.ProposeAsync(world.SafeAddress, proposal, CancellationToken.None));
        Assert.Equal((ServiceFailure.Rejected, HttpStatusCode.UnprocessableEntity), (rejected.Failure, rejected.Status));
        Assert.Contains($"does not match provided contract-tx-hash={wrongHash}", rejected.Message, StringComparison.Ordinal);
        Assert.Contains($"propose {wrongHash}", rejected.Message, StringComparison.Ordinal);

        var notFound = await Assert.ThrowsAsync<TransactionServiceException>(() => client.ConfirmAsync(wrongHash, "0x" + new string('1', 130), CancellationToken.None));
        Assert.Equal(ServiceFailure.NotFound, notFound.Failure);
        Assert.Contains("was not found", notFound.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.Requests.Count); // refusals are not retried
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Rate_limits_and_server_errors_are_retried_until_the_service_answers(HttpStatusCode status)
    {
        using var client = Client(ServiceHarness.ApiKey);
        fake.FailNext(2, status, TimeSpan.Zero);
        Assert.Empty(await client.GetQueueAsync(Safe, 0, CancellationToken.None));
        Assert.Equal([(int)status, (int)status, 200], fake.Requests.Select(r => r.Status));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, ServiceFailure.RateLimited, "kept rate-limiting")]
    [InlineData(HttpStatusCode.BadGateway, ServiceFailure.Unavailable, "failed queue")]
    public async Task A_service_that_keeps_failing_is_reported_after_the_last_retry(HttpStatusCode status, ServiceFailure failure, string message)
    {
        using var client = Client(ServiceHarness.ApiKey);
        fake.FailNext(100, status);
        var error = await Assert.ThrowsAsync<TransactionServiceException>(() => client.GetQueueAsync(Safe, 0, CancellationToken.None));
        Assert.Equal((failure, true), (error.Failure, error.IsTransient));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceHarness.FastPolicy.MaxRetryAttempts + 1, fake.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_is_waited_for()
    {
        using var client = Client(ServiceHarness.ApiKey, ServiceHarness.FastPolicy with { MaxRetryDelay = TimeSpan.FromSeconds(5) });
        fake.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        await client.GetQueueAsync(Safe, 0, CancellationToken.None);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(4));
        Assert.Equal([429, 200], fake.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_service_that_is_not_listening_is_unavailable_and_usable_again_when_it_is_back()
    {
        using var client = Client(ServiceHarness.ApiKey);
        await fake.StopAsync();
        var error = await Assert.ThrowsAsync<TransactionServiceException>(() => client.GetQueueAsync(Safe, 0, CancellationToken.None));
        Assert.Equal((ServiceFailure.Unavailable, true), (error.Failure, error.IsTransient));
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);

        await fake.RestartAsync();
        Assert.Empty(await client.GetQueueAsync(Safe, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Error_messages_show_the_service_url_without_its_credentials()
    {
        // Issue 15 item 3: a base URL may carry userinfo or a key in its query; errors name the service, never those.
        var secretUrl = new UriBuilder(fake.BaseUrl) { UserName = "txuser", Password = "TX-PASSWORD-31337", Query = "apikey=TXQUERYKEY42" }.Uri.AbsoluteUri;
        using var client = Client(ServiceHarness.ApiKey, baseUrl: secretUrl);
        fake.FailNext(100, HttpStatusCode.BadGateway);
        var failing = await Assert.ThrowsAsync<TransactionServiceException>(() => client.GetQueueAsync(Safe, 0, CancellationToken.None));
        await fake.StopAsync();
        var unreachable = await Assert.ThrowsAsync<TransactionServiceException>(() => client.GetQueueAsync(Safe, 0, CancellationToken.None));
        await fake.RestartAsync();

        foreach (var error in new[] { failing, unreachable })
        {
            Assert.Contains("The Transaction Service at http://***@127.0.0.1:", error.Message, StringComparison.Ordinal);
            Assert.Contains("apikey=***", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("TX-PASSWORD-31337", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("TXQUERYKEY42", error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_used_up_window_is_waited_out_without_a_single_429()
    {
        fake.RateLimit(2, TimeSpan.FromSeconds(1));
        using var client = Client(ServiceHarness.ApiKey, RateLimitPolicy);
        var clock = Stopwatch.StartNew();
        for (var call = 0; call < 6; call++)
        {
            Assert.Empty(await client.GetQueueAsync(Safe, 0, CancellationToken.None));
        }

        Assert.Equal(Enumerable.Repeat(200, 6), fake.Requests.Select(r => r.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"6 calls at 2 per second took only {clock.Elapsed}");
    }

    [Fact]
    public async Task A_429_from_a_window_another_client_used_up_is_waited_out_once()
    {
        fake.RateLimit(1, TimeSpan.FromSeconds(2));
        using (var other = new ServiceCalls(fake.BaseUrl, ServiceHarness.ApiKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"api/v2/safes/{Safe}/multisig-transactions/")).Status);
        }

        using var client = Client(ServiceHarness.ApiKey, RateLimitPolicy);
        var clock = Stopwatch.StartNew();
        Assert.Empty(await client.GetQueueAsync(Safe, 0, CancellationToken.None));
        Assert.Empty(await client.GetQueueAsync(Safe, 0, CancellationToken.None));

        // The second call waits for the next window on X-RateLimit-Remaining: 0 instead of trying and getting 429.
        Assert.Equal([200, 429, 200, 200], fake.Requests.Select(r => r.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"two windows of 2 s passed in {clock.Elapsed}");
    }

    private TransactionServiceClient Client(string apiKey, TransactionServicePolicy? policy = null, string? baseUrl = null) => new(
        Options.Create(new SigningOptions { Mode = SigningMode.TransactionService, BaseUrl = baseUrl ?? fake.BaseUrl, ApiKey = apiKey }),
        policy ?? ServiceHarness.FastPolicy,
        NullLogger<TransactionServiceClient>.Instance);
}
