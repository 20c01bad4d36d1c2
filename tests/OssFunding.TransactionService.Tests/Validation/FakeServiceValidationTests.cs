using System.Net;
using System.Text.Json.Nodes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using OssFunding.Devnet;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Fake;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Validation;

/// <summary>
/// The fake refuses what safe-transaction-service refuses, with its status codes and error shapes, and accepts the good
/// case: so passing against it means something. Hashes are checked by the Safe contract itself (1.3.0 and 1.4.1).
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class FakeServiceValidationTests(DevnetWorlds devnet)
{
    private static readonly DevnetAccount Delegate = ServiceHarness.Proposer;

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task The_hash_is_recomputed_from_the_fields_and_the_Safe_domain(SafeVersion version)
    {
        await using var fixture = await StartAsync(version);
        var (world, calls) = (fixture.World, fixture.Calls);
        var tx = Proposals.Call(0, Samples.FFmpeg);
        var hash = Proposals.HashFor(world, tx);

        // The other version's Safe (another verifyingContract) and another chain id give other hashes: refused.
        var otherSafe = devnet.World(version == SafeVersion.V130 ? SafeVersion.V141 : SafeVersion.V130).SafeAddress;
        foreach (var wrong in new[]
                 {
                     SafeTxHasher.Hash(new SafeDomain(world.Chain.ChainId, otherSafe), tx).SafeTxHashHex,
                     SafeTxHasher.Hash(new SafeDomain(world.Chain.ChainId + 1, world.SafeAddress), tx).SafeTxHashHex,
                     Proposals.HashFor(world, Proposals.Call(1, Samples.FFmpeg)),
                 })
        {
            var refused = await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, wrong, Delegate.Address, Sign(Delegate, wrong)));
            AssertRefused(refused, $"does not match provided contract-tx-hash={wrong}");
        }

        var accepted = await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, Delegate.Address, Sign(Delegate, hash)));
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(HttpStatusCode.Created, (await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, Delegate.Address, Sign(Delegate, hash)))).Status);
        var (_, queue) = await calls.GetAsync($"api/v2/safes/{world.SafeAddress}/multisig-transactions/?nonce__gte=0&executed=false");
        var listed = Assert.Single(queue!["results"]!.AsArray())!;
        Assert.Equal((hash, "0", world.Owners[0].Address, Delegate.Address, 3),
            (listed["safeTxHash"]!.GetValue<string>(), listed["nonce"]!.GetValue<string>(), listed["proposer"]!.GetValue<string>(),
                listed["proposedByDelegate"]!.GetValue<string>(), listed["confirmationsRequired"]!.GetValue<int>()));
        Assert.Empty(listed["confirmations"]!.AsArray());
    }

    [Fact]
    public async Task Senders_and_signatures_must_be_owners_or_delegates_and_match()
    {
        await using var fixture = await StartAsync(SafeVersion.V141);
        var (world, calls) = (fixture.World, fixture.Calls);
        var tx = Proposals.Call(0, Samples.FFmpeg);
        var hash = Proposals.HashFor(world, tx);
        var stranger = DevnetAccount.FromLabel("stranger");

        AssertRefused(await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, stranger.Address, Sign(stranger, hash))),
            $"Sender={stranger.Address} is not an owner or delegate");
        // The delegate as sender, signing another hash: the signature recovers to someone who is nobody here.
        var otherHash = Proposals.HashFor(world, Proposals.Call(7, Samples.FFmpeg));
        AssertRefused(await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, Delegate.Address, Sign(Delegate, otherHash))),
            "is not an owner or delegate");
        // A valid owner signature, but the sender is someone else.
        AssertRefused(await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, Delegate.Address, Sign(world.Owners[1], hash))),
            $"Signature does not match sender={Delegate.Address}");
        var badV = Sign(Delegate, hash).HexToByteArray();
        badV[64] = 5;
        AssertRefused(await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, Delegate.Address, badV.ToHex(true))), "is not valid");
        // An approved-hash signature (v = 1) of an owner who never approved on chain.
        var approved = new byte[65];
        world.Owners[1].Address.HexToByteArray().CopyTo(approved, 12);
        approved[64] = 1;
        AssertRefused(await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, world.Owners[1].Address, approved.ToHex(true))), "is not valid");
        Assert.False(fixture.Fake.Knows(hash));

        // An owner proposing with its own signature: accepted, and its signature is a confirmation (eth_sign type).
        var owner = world.Owners[1];
        Assert.Equal(HttpStatusCode.Created, (await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, owner.Address, Owners.EthSign(owner, hash)))).Status);
        Assert.Equal([(owner.Address, "ETH_SIGN")], fixture.Fake.ConfirmationsOf(hash).Select(c => (c.Owner, c.SignatureType)));

        var (status, body) = await calls.ProposeAsync(world.SafeAddress.ToLowerInvariant(), Proposals.Body(tx, hash, owner.Address, null));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, 1, "Checksum address validation failed"),
            (status, body!["code"]!.GetValue<int>(), body["message"]!.GetValue<string>()));
        var missing = Proposals.Body(tx, hash, owner.Address, null);
        missing.Remove("nonce");
        var (missingStatus, missingBody) = await calls.ProposeAsync(world.SafeAddress, missing);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "This field is required."), (missingStatus, missingBody!["nonce"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_nonce_the_Safe_already_used_is_refused()
    {
        await using var fixture = await StartAsync(SafeVersion.V141);
        var world = fixture.World;
        await Proposals.ExecuteAsync(world, Proposals.Call(0, Samples.Pydantic));

        var stale = Proposals.Call(0, Samples.FFmpeg);
        var staleHash = Proposals.HashFor(world, stale);
        AssertRefused(await fixture.Calls.ProposeAsync(world.SafeAddress, Proposals.Body(stale, staleHash, Delegate.Address, Sign(Delegate, staleHash))),
            "Tx with nonce=0 for safe=");
        var next = Proposals.Call(1, Samples.FFmpeg);
        var nextHash = Proposals.HashFor(world, next);
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Calls.ProposeAsync(world.SafeAddress, Proposals.Body(next, nextHash, Delegate.Address, Sign(Delegate, nextHash)))).Status);
    }

    [Fact]
    public async Task Confirmations_need_a_known_transaction_and_an_owner_and_the_bearer_key()
    {
        await using var fixture = await StartAsync(SafeVersion.V141);
        var (world, calls) = (fixture.World, fixture.Calls);
        var tx = Proposals.Call(0, Samples.FFmpeg);
        var hash = Proposals.HashFor(world, tx);
        var unknown = await calls.ConfirmAsync(hash, Owners.EthSign(world.Owners[0], hash));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("was not found", unknown.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await calls.ProposeAsync(world.SafeAddress, Proposals.Body(tx, hash, Delegate.Address, Sign(Delegate, hash)))).Status);

        var byDelegate = await calls.ConfirmAsync(hash, Sign(Delegate, hash)); // delegates propose, they do not confirm
        Assert.Equal(HttpStatusCode.BadRequest, byDelegate.Status);
        Assert.Contains($"Signer={Delegate.Address} is not an owner", byDelegate.Body!["signature"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var overOtherHash = await calls.ConfirmAsync(hash, Owners.EthSign(world.Owners[0], Proposals.HashFor(world, Proposals.Call(3, Samples.FFmpeg))));
        Assert.Equal(HttpStatusCode.BadRequest, overOtherHash.Status);

        var owner = world.Owners[2];
        Assert.Equal(HttpStatusCode.Created, (await calls.ConfirmAsync(hash, Sign(owner, hash))).Status);
        Assert.Equal(HttpStatusCode.Created, (await calls.ConfirmAsync(hash, Sign(owner, hash))).Status); // same owner again: still one
        var (_, list) = await calls.GetAsync($"api/v1/multisig-transactions/{hash}/confirmations/");
        var confirmation = Assert.Single(list!["results"]!.AsArray())!;
        Assert.Equal((owner.Address, "EOA"), (confirmation["owner"]!.GetValue<string>(), confirmation["signatureType"]!.GetValue<string>()));

        using var anonymous = new ServiceCalls(fixture.Fake.BaseUrl, null);
        using var wrongKey = new ServiceCalls(fixture.Fake.BaseUrl, "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/v1/multisig-transactions/{hash}/confirmations/")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.ConfirmAsync(hash, Sign(world.Owners[3], hash))).Status);
        Assert.Single(fixture.Fake.ConfirmationsOf(hash));
    }

    private static void AssertRefused((HttpStatusCode Status, JsonNode? Body) answer, string expected)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        var errors = answer.Body!["nonFieldErrors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>A raw ECDSA signature over the SafeTx hash (v 27/28), what a wallet's EIP-712 signature amounts to.</summary>
    private static string Sign(DevnetAccount account, string safeTxHash) => new MessageSigner().Sign(safeTxHash.HexToByteArray(), account.Key);

    private async Task<FakeFixture> StartAsync(SafeVersion version)
    {
        var world = devnet.World(version);
        var snapshot = await devnet.Chain.Rpc.SnapshotScopeAsync();
        var fake = await FakeTransactionService.StartAsync(devnet.Chain.RpcUrl, ServiceHarness.ApiKey, devnet.Chain.ChainId);
        fake.RegisterDelegate(world.SafeAddress, Delegate.Address, world.Owners[0].Address);
        return new FakeFixture(world, fake, new ServiceCalls(fake.BaseUrl, ServiceHarness.ApiKey), snapshot);
    }

    private sealed record FakeFixture(DevnetWorld World, FakeTransactionService Fake, ServiceCalls Calls, DevnetSnapshot Snapshot) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Calls.Dispose();
            await Fake.DisposeAsync();
            await Snapshot.DisposeAsync();
        }
    }
}
