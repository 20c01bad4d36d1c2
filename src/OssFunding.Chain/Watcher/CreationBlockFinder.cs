using Microsoft.Extensions.Logging;
using OssFunding.Chain.Rpc;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// The block that created the Safe, for a first sync with <c>Chain:StartBlock</c> unset (SPEC §10): the block of the
/// <c>SafeSetup</c> log its own proxy emitted when it was set up. Logs need no archive state (an <c>eth_getCode</c>
/// bisection would: code at an old block is historical state a full node has pruned). The search asks for
/// 0..head at once, which a provider accepts when it limits results rather than blocks (one log matches), and
/// otherwise walks forward in the largest ranges the provider accepts.
/// </summary>
internal sealed class CreationBlockFinder(ChainRpc rpc, ILogger logger)
{
    public async Task<long?> FindAsync(string safe, long head, CancellationToken cancellationToken)
    {
        var whole = (int)Math.Min(int.MaxValue, head + 1);
        var range = new AdaptiveRange(whole, whole);
        for (var (from, calls) = (0L, 1); from <= head; calls++)
        {
            var to = Math.Min(head, from + range.Size - 1);
            try
            {
                var logs = await rpc.GetSafeSetupLogsAsync(safe, from, to, cancellationToken);
                if (logs.Count > 0)
                {
                    var block = (long)logs[0].BlockNumber.Value;
                    logger.LogInformation("Safe {Safe} was created in block {BlockNumber} (its SafeSetup log, found in {Calls} eth_getLogs calls); the first sync starts there",
                        safe, block, calls);
                    return block;
                }

                range.Succeeded(0);
                from = to + 1;
            }
            catch (LogRangeRejectedException) when (range.Shrink())
            {
            }
        }

        logger.LogWarning("Safe {Safe} emitted no SafeSetup log up to block {Head}; the first sync starts at block 0", safe, head);
        return null;
    }
}
