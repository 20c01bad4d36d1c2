using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Allocations;
using OssFunding.Core.Budget;
using OssFunding.Core.Configuration;
using OssFunding.Core.Secrets;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Worker.Status;

/// <summary>The Safe as the chain sees it now; null in <see cref="WorkerStatus"/> when the chain could not be read.</summary>
internal sealed record SafeOnChain(string Version, long Nonce, IReadOnlyList<string> Owners, int Threshold, IReadOnlyDictionary<string, string> Balances);

internal sealed record SafeStatus(string? Address, long ChainId);

/// <summary>
/// <c>GET /api/status</c> and <c>status</c>: the configured Safe, its on-chain state (nonce, owners, threshold, token
/// balances), budget use, allocations per status, transactions per status, the finality mode in force, and the watcher's
/// position (head, checkpoint, final, and <c>finalLag</c>: how many blocks final trails the head), and the watcher's
/// catch-up in this process (<c>catchUp</c>: blocks/s and ETA; null before the first one). A chain that
/// cannot be read is reported in <see cref="ChainError"/>, never as empty figures.
/// </summary>
internal sealed record WorkerStatus(
    SafeStatus Safe,
    SafeOnChain? OnChain,
    string? ChainError,
    IReadOnlyList<BudgetLine> Budget,
    IReadOnlyDictionary<AllocationStatus, int> Allocations,
    IReadOnlyDictionary<TransactionStatus, int> Transactions,
    FinalityMode Finality,
    ChainPosition? Watcher,
    CatchUpSnapshot? CatchUp);

internal sealed class StatusReport(
    IOptions<SafeOptions> safe, IOptions<ChainOptions> chain, IBudgetQueries budget, IAllocationStore allocations,
    TransactionQueries transactions, ChainMirrorReader mirror, IServiceProvider services)
{
    public async Task<WorkerStatus> BuildAsync(CancellationToken cancellationToken)
    {
        var (onChain, error) = await ReadChainAsync(cancellationToken);
        var txs = await transactions.ListAsync(null, cancellationToken);
        return new WorkerStatus(
            new SafeStatus(safe.Value.Address, chain.Value.ChainId),
            onChain,
            error,
            await budget.GetUsageAsync(cycle: null, cancellationToken),
            await AllocationCounts.ByStatusAsync(allocations, cancellationToken),
            Enum.GetValues<TransactionStatus>().ToDictionary(status => status, status => txs.Count(tx => tx.Status == status)),
            chain.Value.Finality,
            string.IsNullOrEmpty(safe.Value.Address) ? null : await mirror.GetPositionAsync(cancellationToken),
            services.GetService<CatchUpProgress>()?.Current);
    }

    private async Task<(SafeOnChain? State, string? Error)> ReadChainAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(safe.Value.Address) || chain.Value.RpcUrls.Count == 0)
        {
            return (null, "Safe:Address or Chain:RpcUrls is not set.");
        }

        try
        {
            var reader = services.GetRequiredService<SafeChainReader>();
            var units = services.GetRequiredService<TokenUnits>();
            var state = await reader.ReadSafeAsync(cancellationToken);
            var balances = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var symbol in units.Symbols)
            {
                BigInteger balance = await reader.BalanceOfAsync(units.AddressOf(symbol), cancellationToken);
                balances[symbol] = units.ToTokenUnits(symbol, balance);
            }

            return (new SafeOnChain(state.Version, (long)state.Nonce, state.Owners, state.Threshold, balances), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (null, $"chain unreachable: {UrlMasking.MaskUrlsIn(exception.Message)}");
        }
    }
}

internal static class AllocationCounts
{
    /// <summary>Every status is listed, with 0 where there is none, so a reader never mistakes a gap for an error.</summary>
    public static async Task<IReadOnlyDictionary<AllocationStatus, int>> ByStatusAsync(IAllocationStore store, CancellationToken cancellationToken)
    {
        IReadOnlyList<Allocation> all = await store.ListAsync(period: null, status: null, cancellationToken);
        return Enum.GetValues<AllocationStatus>().ToDictionary(status => status, status => all.Count(a => a.Status == status));
    }
}
