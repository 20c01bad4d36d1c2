using OssFunding.Pipeline.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Flow;

/// <summary>The flows with the ledger on PostgreSQL: every query of the pipeline runs on both engines.</summary>
[Collection(PostgresCluster.Collection)]
public sealed class PostgresFlowTests(DevnetWorlds devnet, PostgresCluster postgres) : IClassFixture<DevnetWorlds>
{
    [Fact]
    public async Task A_month_is_paid_with_the_ledger_on_postgresql()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, await postgres.CreateDatabaseAsync());
        await HappyPathTests.RunMonthAsync(pipeline);
    }

    [Fact]
    public async Task A_reorg_is_undone_with_the_ledger_on_postgresql()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V130, null, await postgres.CreateDatabaseAsync());
        await Confirmation.ReorgTests.RunReorgAsync(pipeline);
    }

    [Fact]
    public async Task A_superseded_draft_is_redrafted_with_the_ledger_on_postgresql()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, await postgres.CreateDatabaseAsync());
        await Confirmation.SupersedeTests.RunSupersedeAsync(pipeline);
    }

    [Fact]
    public async Task A_signed_transaction_is_cancelled_on_chain_with_the_ledger_on_postgresql()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, await postgres.CreateDatabaseAsync());
        await Cancellation.OperatorCancelTests.RunSignedCancelAsync(pipeline, cancelAllocations: true);
    }
}
