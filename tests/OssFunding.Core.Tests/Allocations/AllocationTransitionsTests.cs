using Dapper;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>
/// Every allocation status change goes through <see cref="AllocationMoves"/>, which refuses any move the transition
/// table does not list and writes nothing then. SPEC §2 invariant 1 (never pay twice): nothing becomes Paid except from
/// Queued, nothing leaves Paid except back to Queued (a reorg), nothing is drafted again except from Approved.
/// </summary>
public sealed class AllocationTransitionsTests : IAsyncLifetime, IDisposable
{
    private const string Now = "2025-01-01T00:00:00.0000000Z";
    private readonly TempSqliteDatabase file = new();
    private LedgerTestHost host = null!;

    public static TheoryData<AllocationStatus, AllocationStatus> EveryPair()
    {
        var pairs = new TheoryData<AllocationStatus, AllocationStatus>();
        foreach (var from in Enum.GetValues<AllocationStatus>())
        {
            foreach (var to in Enum.GetValues<AllocationStatus>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    public async Task InitializeAsync()
    {
        host = await LedgerTestHost.StartAsync(StorageProvider.Sqlite, file.ConnectionString);
        await ExecuteAsync(
            $"INSERT INTO imports (id, kind, format, file_sha256, imported_at, row_count, added, unchanged) VALUES ('i', 'allocations', 'csv', 'x', '{Now}', 1, 1, 0)");
        await ExecuteAsync(
            "INSERT INTO allocations (id, period, project, category, recipient, token, amount, approval_ref, memo, status, import_id, imported_at) " +
            $"VALUES ('a1', '2025-01', 'FFmpeg', 'projects', '{TestAddresses.Recipient(1)}', 'LPT', '1', 'ref', '', 'Approved', 'i', '{Now}')");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => file.Dispose();

    [Fact]
    public void The_table_lists_exactly_the_moves_of_the_allocation_lifecycle()
    {
        var allowed = EveryPair().Select(pair => ((AllocationStatus)pair[0], (AllocationStatus)pair[1]))
            .Where(move => AllocationTransitions.IsAllowed(move.Item1, move.Item2)).ToHashSet();
        Assert.Equal(
            new HashSet<(AllocationStatus, AllocationStatus)>
            {
                (AllocationStatus.Approved, AllocationStatus.Queued), (AllocationStatus.Approved, AllocationStatus.Cancelled),
                (AllocationStatus.Approved, AllocationStatus.PaidOffChain), (AllocationStatus.Queued, AllocationStatus.Paid),
                (AllocationStatus.Queued, AllocationStatus.Approved), (AllocationStatus.Queued, AllocationStatus.Cancelled),
                (AllocationStatus.Paid, AllocationStatus.Queued),
            },
            allowed);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public async Task A_move_happens_only_when_the_table_lists_it_and_a_refused_one_writes_nothing(AllocationStatus from, AllocationStatus to)
    {
        await ExecuteAsync(from == AllocationStatus.Cancelled
            ? $"UPDATE allocations SET status = 'Cancelled', cancel_reason = 'earlier', cancelled_at = '{Now}'"
            : $"UPDATE allocations SET status = '{from}'");
        var which = new AllocationSelection.Ids(["a1"]);

        var moved = await host.Database.WriteAsync(async (_, transaction) =>
        {
            Func<Task<int>> move = to == AllocationStatus.Cancelled
                ? () => AllocationMoves.CancelAsync(transaction, from, which, "test", DateTimeOffset.UnixEpoch)
                : () => AllocationMoves.MoveAsync(transaction, from, to, which);
            if (AllocationTransitions.IsAllowed(from, to))
            {
                var count = await move();
                await transaction.CommitAsync();
                return count;
            }

            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(move);
            Assert.Contains($"from {from} to {to}", refusal.Message, StringComparison.Ordinal);
            await transaction.CommitAsync();
            return 0;
        }, CancellationToken.None);

        await using var connection = await host.Database.OpenAsync(CancellationToken.None);
        var status = await connection.ExecuteScalarAsync<string>("SELECT status FROM allocations WHERE id = 'a1'");
        Assert.Equal(AllocationTransitions.IsAllowed(from, to) ? (1, to.ToString()) : (0, from.ToString()), (moved, status));
    }

    [Fact]
    public async Task A_move_changes_only_allocations_in_its_from_status()
    {
        await ExecuteAsync("UPDATE allocations SET status = 'Paid'");
        var moved = await host.Database.WriteAsync(async (_, transaction) =>
        {
            var count = await AllocationMoves.MoveAsync(transaction, AllocationStatus.Approved, AllocationStatus.Queued, new AllocationSelection.Ids(["a1"]));
            await transaction.CommitAsync();
            return count;
        }, CancellationToken.None);
        Assert.Equal(0, moved);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await host.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}
