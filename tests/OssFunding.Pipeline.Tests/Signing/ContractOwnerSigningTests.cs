using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Devnet;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Signing;

/// <summary>
/// An EIP-1271 contract owner (a Safe owning the Safe) signs through the worker on every supported version: the worker
/// asks it the way its Safe will (1.3.0/1.4.1 the legacy isValidSignature(bytes,bytes) with the encoded data, 1.5.0
/// isValidSignature(bytes32,bytes) with the SafeTx hash), and what it accepts executes on chain.
/// </summary>
public sealed class ContractOwnerSigningTests(ContractOwnerDevnetWorlds devnet) : IClassFixture<ContractOwnerDevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task An_owner_safe_is_asked_as_its_safe_asks_and_its_signature_executes(SafeVersion version)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, version);
        await pipeline.ImportAsync(Samples.Month);
        var tx = await pipeline.DraftAsync();
        var world = pipeline.World;
        var hashes = SafeTxHasher.Hash(new SafeDomain(world.Chain.ChainId, world.SafeAddress), OutsiderExecution.DraftedTransaction(tx));
        Assert.Equal(tx.SafeTxHash, hashes.SafeTxHashHex);
        var askedByOtherVersions = version.AsksContractOwnersByHash() ? hashes.EncodedData : hashes.SafeTxHash;

        var wrong = await pipeline.Collector.AddAsync(tx.SafeTxHash, OwnerSafeSignature(world, askedByOtherVersions), CancellationToken.None);
        var accepted = await pipeline.Collector.AddAsync(
            tx.SafeTxHash, OwnerSafeSignature(world, hashes.ContractOwnerMessage(version)), CancellationToken.None);
        foreach (var owner in world.Owners.Take(2))
        {
            var outcome = await pipeline.Collector.AddAsync(tx.SafeTxHash, PipelineHarness.EthSign(owner, tx.SafeTxHash), CancellationToken.None);
            Assert.Equal(SignatureResult.Created, outcome.Result);
        }

        Assert.Equal(SignatureResult.WrongHash, wrong.Result);
        Assert.Contains(version.AsksContractOwnersByHash() ? "isValidSignature(bytes32,bytes)" : "isValidSignature(bytes,bytes)",
            wrong.Message, StringComparison.Ordinal);
        Assert.Equal((SignatureResult.Created, world.ContractOwner!.Address), (accepted.Result, accepted.Owner));
        var ready = await pipeline.ViewAsync(tx.SafeTxHash);
        Assert.Equal(TransactionStatus.ReadyToExecute, ready.Status);
        Assert.Equal(world.ContractOwner.Address, Assert.Single(ready.Signatures, s => s.Type == nameof(SafeSignatureType.Eip1271)).Owner);
        // Re-verified and packed as the executor does, then executed by the real Safe (status 1 asserted inside).
        await pipeline.ExecuteAsOutsiderAsync(tx.SafeTxHash);
    }

    /// <summary>The owner Safe's signature (v = 0): its 1-of-2 owner signs the SafeMessage of <paramref name="message"/> in its domain.</summary>
    private static string OwnerSafeSignature(DevnetWorld world, byte[] message)
    {
        var ownerSafe = world.ContractOwner!;
        var messageHash = SafeMessageHasher.Hash(new SafeDomain(world.Chain.ChainId, ownerSafe.Address), message);
        var inner = ownerSafe.OwnerAccounts[0].Key.SignAndCalculateV(messageHash);
        byte[] rsv = [.. Word(inner.R), .. Word(inner.S), inner.V[0]];
        return SafeSignature.Contract(ownerSafe.Address, rsv).ToHex();
    }

    private static byte[] Word(byte[] value) => [.. new byte[32 - value.Length], .. value];
}
