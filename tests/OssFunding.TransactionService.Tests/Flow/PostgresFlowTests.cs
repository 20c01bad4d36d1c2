using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>The Transaction Service flow with the ledger on PostgreSQL: every query of the integration runs on both engines.</summary>
[Collection(PostgresCluster.Collection)]
public sealed class PostgresFlowTests(DevnetWorlds devnet, PostgresCluster postgres) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task The_service_flow_runs_with_the_ledger_on_postgresql()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141, await postgres.CreateDatabaseAsync());
        await TransactionServiceFlowTests.RunFlowAsync(worker);
    }
}

[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;
