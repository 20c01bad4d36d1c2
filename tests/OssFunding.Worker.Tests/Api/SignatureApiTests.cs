using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Devnet;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

/// <summary>
/// A worker with one cancelled and one live transaction, both at the Safe's current nonce: the cancelled one drafted
/// and cancelled at once (with its allocations), the live one drafted from other allocations afterwards.
/// </summary>
public sealed class SigningWorker : IAsyncLifetime
{
    private ConfiguredWorker? _worker;

    internal ConfiguredWorker Worker => _worker ?? throw new InvalidOperationException("not started");

    internal DevnetWorld World { get; private set; } = null!;

    public string LiveHash { get; private set; } = "";

    public string CancelledHash { get; private set; } = "";

    public async Task InitializeAsync()
    {
        World = await SharedDevnet.WorldAsync();
        _worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string>());
        await Worker.RegisterProjectsAsync();

        CancelledHash = await DraftAsync("sig-cancelled", "3");
        JsonElement cancelled = await Json.ReadAsync(
            await Worker.Client.SendAsync(AsAdmin(Post($"api/transactions/{CancelledHash}/cancel", """{"cancelAllocations":true}""", "application/json"))),
            HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());

        LiveHash = await DraftAsync("sig-live", "4");
        Assert.NotEqual(CancelledHash, LiveHash);
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }

    public async Task<string> TypedDataAsync(string safeTxHash)
    {
        JsonElement tx = await Json.ReadAsync(await Worker.Client.GetAsync($"api/transactions/{safeTxHash}"), HttpStatusCode.OK);
        return tx.GetProperty("typedData").GetRawText();
    }

    private async Task<string> DraftAsync(string prefix, string amount) =>
        (await Worker.DraftAsync(prefix, amount)).GetProperty("safeTxHash").GetString()!;
}

/// <summary>
/// <c>POST /api/transactions/{h}/signatures</c> needs no token (SPEC §7): the signature is the credential, so it is
/// checked as strictly as before — owner of the current set, over this hash, transaction collecting.
/// </summary>
public sealed class SignatureApiTests(SigningWorker signing) : IClassFixture<SigningWorker>
{
    private HttpClient Client => signing.Worker.Client;

    [Fact]
    public async Task An_owner_signature_without_any_token_is_accepted_then_200_when_sent_again()
    {
        DevnetAccount owner = signing.World.Owners[0];
        string signature = new Eip712TypedDataSigner().SignTypedDataV4(await signing.TypedDataAsync(signing.LiveHash), owner.Key);

        using HttpResponseMessage first = await PostSignatureAsync(signing.LiveHash, signature);
        JsonElement created = await Json.ReadAsync(first, HttpStatusCode.Created);
        Assert.Contains(created.GetProperty("signatures").EnumerateArray(),
            s => string.Equals(s.GetProperty("owner").GetString(), owner.Address, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("AwaitingSignatures", created.GetProperty("status").GetString());

        using HttpResponseMessage again = await PostSignatureAsync(signing.LiveHash, signature);
        JsonElement same = await Json.ReadAsync(again, HttpStatusCode.OK);
        Assert.Equal(1, same.GetProperty("signatures").EnumerateArray().Count(
            s => string.Equals(s.GetProperty("owner").GetString(), owner.Address, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_valid_signature_by_someone_who_is_not_an_owner_is_403_naming_the_signer_and_changes_nothing()
    {
        var stranger = EthECKey.GenerateKey();
        string signature = new Eip712TypedDataSigner().SignTypedDataV4(await signing.TypedDataAsync(signing.LiveHash), stranger);
        string before = await signing.TypedDataAsync(signing.LiveHash) + await SignersAsync(signing.LiveHash);

        JsonElement problem = await Json.ReadProblemAsync(await PostSignatureAsync(signing.LiveHash, signature), HttpStatusCode.Forbidden);

        Assert.Equal(stranger.GetPublicAddress(), problem.GetProperty("owner").GetString(), ignoreCase: true);
        Assert.Equal(before, await signing.TypedDataAsync(signing.LiveHash) + await SignersAsync(signing.LiveHash));
    }

    [Theory]
    [InlineData("""{"signature":"0x1234"}""")]
    [InlineData("""{"signature":"not hex at all"}""")]
    [InlineData("""{"signature":""}""")]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    public async Task A_malformed_body_or_signature_is_400_without_a_token(string body)
    {
        using HttpResponseMessage response = await Client.SendAsync(Post($"api/transactions/{signing.LiveHash}/signatures", body, "application/json"));
        await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_signature_for_an_unknown_transaction_is_404()
    {
        string unknown = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        string signature = new EthereumMessageSigner().Sign(Convert.FromHexString(unknown[2..]), signing.World.Owners[1].Key);

        await Json.ReadProblemAsync(await PostSignatureAsync(unknown, signature), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_owner_signature_for_a_transaction_that_is_not_collecting_is_409()
    {
        string signature = new Eip712TypedDataSigner().SignTypedDataV4(await signing.TypedDataAsync(signing.CancelledHash), signing.World.Owners[1].Key);

        JsonElement problem = await Json.ReadProblemAsync(await PostSignatureAsync(signing.CancelledHash, signature), HttpStatusCode.Conflict);

        Assert.Contains("Cancelled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_writes_still_need_the_admin_token()
    {
        using HttpResponseMessage draft = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/transactions/draft"));
        await Json.ReadProblemAsync(draft, HttpStatusCode.Unauthorized);

        HttpRequestMessage cancel = Post($"api/transactions/{signing.LiveHash}/cancel", "{}", "application/json");
        cancel.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token-of-sufficient-length");
        await Json.ReadProblemAsync(await Client.SendAsync(cancel), HttpStatusCode.Forbidden);
    }

    private Task<HttpResponseMessage> PostSignatureAsync(string safeTxHash, string signature) =>
        Client.SendAsync(Post($"api/transactions/{safeTxHash}/signatures", JsonSerializer.Serialize(new { signature }), "application/json"));

    private async Task<string> SignersAsync(string safeTxHash)
    {
        JsonElement tx = await Json.ReadAsync(await Client.GetAsync($"api/transactions/{safeTxHash}"), HttpStatusCode.OK);
        return tx.GetProperty("signatures").GetRawText() + tx.GetProperty("status").GetString();
    }
}
