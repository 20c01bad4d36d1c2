using System.Globalization;
using System.Numerics;
using Dapper;
using Microsoft.Data.Sqlite;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.TestSupport;

namespace OssFunding.EndToEnd.Tests.Support;

/// <summary>What the chain and the ledger say, read independently of the worker.</summary>
internal static class ChainFacts
{
    private const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    /// <summary>Every ERC-20 Transfer out of the Safe on both tokens, as (token symbol, recipient, base units).</summary>
    public static async Task<IReadOnlyList<(string Token, string Recipient, BigInteger Amount)>> TransfersFromSafeAsync(DevnetWorld world)
    {
        var transfers = new List<(string, string, BigInteger)>();
        foreach (var token in new[] { world.Lpt, world.Usdc })
        {
            var filter = new NewFilterInput
            {
                Address = [token.Address],
                FromBlock = new BlockParameter(new HexBigInteger(0)),
                ToBlock = BlockParameter.CreateLatest(),
                Topics = [TransferTopic, "0x" + new string('0', 24) + world.SafeAddress[2..].ToLowerInvariant()],
            };
            foreach (var log in await world.Chain.CreateWeb3().Eth.Filters.GetLogs.SendRequestAsync(filter))
            {
                var recipient = "0x" + log.Topics[2].ToString()![26..];
                transfers.Add((token.Symbol, recipient.ToLowerInvariant(), new HexBigInteger(log.Data).Value));
            }
        }

        return transfers;
    }

    /// <summary>The samples' allocations as (token, recipient lowercase, base units).</summary>
    public static IReadOnlyList<(string Id, string Token, string Recipient, BigInteger Amount)> SampleAllocations(DevnetWorld world)
    {
        var lines = File.ReadAllLines(RepositoryRoot.File("samples", "allocations-2025-01.csv")).Skip(1).Where(line => line.Length > 0);
        return lines.Select(line =>
        {
            var cells = line.Split(',');
            var token = cells[5] == "LPT" ? world.Lpt : world.Usdc;
            return (cells[0], cells[5], cells[4].ToLowerInvariant(), token.ToBaseUnits(decimal.Parse(cells[6], CultureInfo.InvariantCulture)));
        }).ToList();
    }

    /// <summary>Asserts each sample allocation was transferred on chain exactly once, and nothing else left the Safe.</summary>
    public static async Task AssertEachAllocationPaidOnceAsync(DevnetWorld world)
    {
        var transfers = await TransfersFromSafeAsync(world);
        var allocations = SampleAllocations(world);
        Assert.Equal(allocations.Count, transfers.Count);
        foreach (var allocation in allocations)
        {
            Assert.Equal(1, transfers.Count(t => t.Token == allocation.Token && t.Recipient == allocation.Recipient && t.Amount == allocation.Amount));
        }

        Assert.Equal(BigInteger.One, await new SafeContract(world.Chain.CreateWeb3(), world.SafeAddress).GetNonceAsync());
    }

    public static async Task<T> LedgerScalarAsync<T>(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException($"no value for {sql}");
    }

    public static async Task<IReadOnlyList<string>> LedgerColumnAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        return (await connection.QueryAsync<string>(sql)).ToList();
    }
}
