using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Reports.Building;

namespace OssFunding.Reports.ChainFacts;

/// <summary>What one <see cref="ChainFactsRecorder.RecordAsync"/> added to the ledger.</summary>
public sealed record ChainFactsRun(int BlocksDated, int SnapshotsRecorded);

/// <summary>
/// Keeps in the ledger the chain facts that reports need and nothing else records: the time of each block holding a
/// payment or an unplanned outflow (it decides the month), and the Safe's balances, owners and threshold at the end of
/// each month (at a final block, so no reorg changes them). Idempotent: each run reads only what is missing.
/// </summary>
public sealed class ChainFactsRecorder(
    LedgerDatabase database,
    ChainReads chain,
    ChainMirrorReader mirror,
    BudgetPlan plan,
    ReportSettings settings,
    IOptions<ChainOptions> chainOptions,
    TimeProvider clock,
    ILogger<ChainFactsRecorder> logger)
{
    public async Task<ChainFactsRun> RecordAsync(CancellationToken cancellationToken)
    {
        var dated = await DateTransfersAsync(cancellationToken);
        var snapshots = await RecordSnapshotsAsync(cancellationToken);
        if (dated + snapshots > 0)
        {
            logger.LogInformation("Report facts recorded: {BlocksDated} block times, {Snapshots} Safe snapshots", dated, snapshots);
        }

        return new ChainFactsRun(dated, snapshots);
    }

    private async Task<int> DateTransfersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Hash, long Number)> undated;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            undated = (await connection.QueryAsync<(string, long)>(
                """
                SELECT DISTINCT block_hash, block_number FROM (
                    SELECT block_hash, block_number FROM payments WHERE kind = 'OnChain'
                    UNION SELECT block_hash, block_number FROM unplanned_outflows) recorded
                WHERE block_hash NOT IN (SELECT block_hash FROM block_timestamps)
                ORDER BY block_number
                """)).ToList();
        }

        var dated = 0;
        foreach (var (hash, number) in undated)
        {
            var block = await chain.BlockAsync(number, cancellationToken);
            if (!string.Equals(block.Hash, hash, StringComparison.OrdinalIgnoreCase))
            {
                // Left undated: reports refuse it and `verify` flags it, which is what a reorged-out payment deserves.
                logger.LogWarning("Block {BlockNumber} was recorded as {RecordedHash} but the chain now has {BlockHash}: not dated",
                    number, hash, block.Hash);
                continue;
            }

            dated += await database.WriteAsync(async (connection, transaction) =>
            {
                var inserted = await connection.ExecuteAsync(
                    """
                    INSERT INTO block_timestamps (block_hash, block_number, timestamp_utc) VALUES (@hash, @number, @time)
                    ON CONFLICT (block_hash) DO NOTHING
                    """,
                    new { hash = block.Hash, number, time = LedgerTime.ToStored(block.Time) }, transaction);
                await transaction.CommitAsync(cancellationToken);
                return inserted;
            }, cancellationToken);
        }

        return dated;
    }

    private async Task<int> RecordSnapshotsAsync(CancellationToken cancellationToken)
    {
        var position = await mirror.GetPositionAsync(cancellationToken);
        var startBlock = chainOptions.Value.StartBlock;
        if (position is null || Math.Min(position.Final, position.Checkpoint) < startBlock)
        {
            return 0;
        }

        var blocks = new BlockTimes(chain);
        var final = await blocks.GetAsync(Math.Min(position.Final, position.Checkpoint), cancellationToken);
        var first = await blocks.GetAsync(startBlock, cancellationToken);
        var existing = await SnapshotStore.ExistingAsync(database, settings.Safe, cancellationToken);
        var recorded = 0;
        foreach (var period in Periods(first.Time, final.Time))
        {
            var current = existing.GetValueOrDefault(period.Text);
            if (current is { IsMonthEnd: true })
            {
                continue;
            }

            var monthEnded = final.Time >= period.End;
            var block = monthEnded ? await blocks.LastBeforeAsync(period.End, first, final, cancellationToken) : final;
            if (block is null || (!monthEnded && current?.BlockNumber == block.Number))
            {
                continue;
            }

            if (await ReadAsync(block, cancellationToken) is { } state)
            {
                await SnapshotStore.SaveAsync(database, settings.Safe, period.Text, block, monthEnded, state, clock.GetUtcNow(), cancellationToken);
                recorded++;
            }
        }

        return recorded;
    }

    /// <summary>Months of the configured cycles from the one the watcher starts in to the one of the final block.</summary>
    private IEnumerable<ReportPeriod> Periods(DateTimeOffset watchedFrom, DateTimeOffset finalTime) =>
        plan.Cycles
            .SelectMany(cycle => ReportPeriod.Range(ReportPeriod.Parse(cycle.FirstPeriod), ReportPeriod.Parse(cycle.LastPeriod)))
            .Where(period => period.End > watchedFrom && period.Start <= finalTime)
            .DistinctBy(period => period.Text)
            .OrderBy(period => period.Start);

    private async Task<SafeState?> ReadAsync(TimedBlock block, CancellationToken cancellationToken)
    {
        if (!await chain.HasCodeAsync(settings.Safe, block.Number, cancellationToken))
        {
            logger.LogInformation("Safe {Safe} has no code at block {BlockNumber}: no snapshot", settings.Safe, block.Number);
            return null;
        }

        var owners = await chain.OwnersAsync(settings.Safe, block.Number, cancellationToken);
        var threshold = await chain.ThresholdAsync(settings.Safe, block.Number, cancellationToken);
        var balances = new List<(string Token, string Address, string Balance)>();
        foreach (var token in settings.Chain.Tokens)
        {
            if (await chain.HasCodeAsync(token.Address, block.Number, cancellationToken))
            {
                var raw = await chain.BalanceAsync(token.Address, settings.Safe, block.Number, cancellationToken);
                balances.Add((token.Symbol, token.Address, settings.Units.ToTokenUnits(token.Symbol, raw)));
            }
        }

        return new SafeState(owners, threshold, balances);
    }
}

internal sealed record SafeState(IReadOnlyList<string> Owners, int Threshold, IReadOnlyList<(string Token, string Address, string Balance)> Balances);
