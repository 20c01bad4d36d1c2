using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>The worker's EIP-712 hashing against the real contract's getTransactionHash and domainSeparator.</summary>
public sealed class SafeTxHashEqualityTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    private const int Transactions = 220;

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Domain_separator_equals_the_contracts(SafeVersion version)
    {
        var world = fixture.World(version);
        var onChain = await new SafeContract(world.Devnet.Chain.CreateWeb3(), world.Devnet.SafeAddress).GetDomainSeparatorAsync();

        Assert.Equal(onChain.ToHex(true), SafeTxHasher.DomainSeparator(world.Domain).ToHex(true));
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Generated_transactions_hash_like_getTransactionHash(SafeVersion version)
    {
        var world = fixture.World(version);
        var safe = new SafeContract(world.Devnet.Chain.CreateWeb3(), world.Devnet.SafeAddress);
        var random = new Random(4200 + (int)version);
        var transactions = Enumerable.Range(0, Transactions).Select(i => Generate(random, i)).ToList();

        // Bounded concurrency: anvil answers eth_calls in parallel, and 220 sequential calls would be slower.
        using var gate = new SemaphoreSlim(16);
        var onChain = await Task.WhenAll(transactions.Select(async tx =>
        {
            await gate.WaitAsync();
            try
            {
                return (await safe.GetTransactionHashAsync(tx.ToGetTransactionHash())).ToHex(true);
            }
            finally
            {
                gate.Release();
            }
        }));

        for (var i = 0; i < transactions.Count; i++)
        {
            Assert.True(onChain[i] == SafeTxHasher.Hash(world.Domain, transactions[i]).SafeTxHashHex, $"transaction {i}: {transactions[i]}");
        }

        Assert.Contains(transactions, t => t.Data.IsEmpty);
        Assert.Contains(transactions, t => t.Data.Length > 4000);
        Assert.Contains(transactions, t => t.Operation == SafeOperation.DelegateCall);
        Assert.Contains(transactions, t => t.Nonce > BigInteger.Pow(2, 200));
    }

    private static SafeTransaction Generate(Random random, int index)
    {
        var dataLength = (index % 4) switch
        {
            0 => 0,
            1 => random.Next(1, 70),
            2 => random.Next(70, 1000),
            _ => random.Next(4000, 12000),
        };
        var data = new byte[dataLength];
        random.NextBytes(data);
        return new SafeTransaction(
            RandomAddress(random),
            index % 5 == 0 ? Uint256.MaxValue : ProtocolWorld.RandomUint(random, 32),
            data,
            (SafeOperation)random.Next(2),
            ProtocolWorld.RandomUint(random, 32),
            ProtocolWorld.RandomUint(random, 32),
            ProtocolWorld.RandomUint(random, 32),
            random.Next(3) == 0 ? EthAddress.Zero : RandomAddress(random),
            random.Next(3) == 0 ? EthAddress.Zero : RandomAddress(random),
            index % 7 == 0 ? Uint256.MaxValue : ProtocolWorld.RandomUint(random, 32));
    }

    private static string RandomAddress(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        return bytes.ToHex(true);
    }
}
