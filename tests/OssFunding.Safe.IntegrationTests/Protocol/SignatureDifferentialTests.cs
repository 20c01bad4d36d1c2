using Nethereum.Contracts;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using Xunit.Abstractions;
using OssFunding.TestSupport;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>The verifier's verdict against the real contract's checkSignatures (eth_call) on generated sets.</summary>
public sealed class SignatureDifferentialTests(ProtocolFixture fixture, ITestOutputHelper output) : IClassFixture<ProtocolFixture>
{
    private const int Sets = 130;

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Verifier_agrees_with_checkSignatures_on_generated_sets(SafeVersion version)
    {
        await using var snapshot = await fixture.SnapshotAsync();
        var world = fixture.World(version);
        var tx = await world.DraftAsync(new SafeCall(world.Devnet.Lpt.Address, 0, new byte[] { 0xa9, 0x05, 0x9c, 0xbb }, SafeOperation.Call));
        var hashes = SafeTxHasher.Hash(world.Domain, tx);
        var generator = new SignatureSetGenerator(world, hashes, new Random(777 + (int)version));
        var approver = world.EoaOwners[3];
        await world.SafeAs(approver).ApproveHashAsync(hashes.SafeTxHash);

        var verdicts = new List<bool>();
        var reasons = new Dictionary<string, int>();
        for (var i = 0; i < Sets; i++)
        {
            // Alternate msg.sender: a neutral executor, or the owner whose v = 1 signature needs no approval.
            var executor = i % 2 == 0 ? world.Devnet.Deployer : world.EoaOwners[4];
            var (signatures, description) = generator.Next();

            var onChain = await world.SafeAs(executor).CheckSignaturesAsync(hashes.SafeTxHash, hashes.EncodedData, signatures);
            var ours = await VerdictAsync(world, world.Context(tx, executor.Address), signatures);

            Assert.True(onChain.IsValid == ours.Valid,
                $"set {i} ({description}), executor {executor.Label}: contract {(onChain.IsValid ? "valid" : onChain.RevertReason)}, verifier {ours.Reason}");
            verdicts.Add(ours.Valid);
            var kind = ours.Reason.Split(':')[0];
            reasons[kind] = reasons.GetValueOrDefault(kind) + 1;
        }

        output.WriteLine($"Safe {version}: {string.Join(", ", reasons.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))} of {Sets} sets");

        // The generator must exercise both outcomes substantially, or agreement would prove little.
        Assert.InRange(verdicts.Count(v => v), Sets / 5, Sets * 4 / 5);
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Owner_safe_message_hash_equals_the_fallback_handlers(SafeVersion version)
    {
        var world = fixture.World(version);
        var message = SafeTxHasher.Hash(world.Domain, await world.DraftAsync(
            new SafeCall(world.Devnet.Lpt.Address, 0, Array.Empty<byte>(), SafeOperation.Call))).ContractOwnerMessage(version);
        var handler = world.Devnet.Chain.CreateWeb3().Eth.GetContractQueryHandler<GetMessageHashForSafeFunction>();

        var onChain = await handler.QueryAsync<byte[]>(
            world.OwnerSafe.Address, new GetMessageHashForSafeFunction { Safe = world.OwnerSafe.Address, Message = message });

        Assert.Equal(version == SafeVersion.V150 ? 32 : 66, message.Length);
        Assert.Equal(onChain, SafeMessageHasher.Hash(new SafeDomain(world.Domain.ChainId, world.OwnerSafe.Address), message));
    }

    private static async Task<(bool Valid, string Reason)> VerdictAsync(ProtocolWorld world, SignatureCheckContext context, byte[] signatures)
    {
        try
        {
            await world.Verifier.CheckSignaturesAsync(context, signatures);
            return (true, "valid");
        }
        catch (SafeSignatureException e)
        {
            return (false, $"{e.Rejection}: {e.Message}");
        }
    }
}
