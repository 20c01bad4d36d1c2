using System.Buffers;
using Nethereum.RPC.Eth.DTOs;

namespace OssFunding.Chain.Rpc;

/// <summary>Consistency checks on log answers: what a correct node can never return.</summary>
internal static class LogChecks
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsHash(string? value) =>
        value is { Length: 66 } && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && !value.AsSpan(2).ContainsAnyExcept(HexDigits);

    public static string? CheckRange(FilterLog[]? logs, IReadOnlyCollection<string> addresses, long fromBlock, long toBlock)
    {
        if (logs is null)
        {
            return "null log list";
        }

        var hashByBlock = new Dictionary<long, string>();
        foreach (var log in logs)
        {
            var problem = CheckLog(log);
            if (problem is not null)
            {
                return problem;
            }

            var number = (long)log.BlockNumber.Value;
            if (number < fromBlock || number > toBlock)
            {
                return $"log in block {number} outside the range {fromBlock}..{toBlock}";
            }

            if (!addresses.Contains(log.Address, StringComparer.OrdinalIgnoreCase))
            {
                return $"log from {log.Address}, asked for {string.Join(", ", addresses)}";
            }

            if (hashByBlock.TryGetValue(number, out var hash) && !string.Equals(hash, log.BlockHash, StringComparison.OrdinalIgnoreCase))
            {
                return $"logs of block {number} disagree on its hash ({hash} and {log.BlockHash})";
            }

            hashByBlock[number] = log.BlockHash;
        }

        return null;
    }

    /// <summary>Every log must carry the topics the filter asked for (checked after <see cref="CheckRange"/>).</summary>
    public static string? CheckTopics(FilterLog[] logs, params string[] leadingTopics)
    {
        foreach (var log in logs)
        {
            var topics = log.Topics.Select(topic => topic?.ToString()).ToArray();
            if (topics.Length < leadingTopics.Length
                || leadingTopics.Where((topic, index) => !string.Equals(topics[index], topic, StringComparison.OrdinalIgnoreCase)).Any())
            {
                return $"log {log.TransactionHash}#{log.LogIndex.Value} does not carry the topics the filter asked for";
            }
        }

        return null;
    }

    public static string? CheckReceipt(TransactionReceipt? receipt, string transactionHash, string blockHash)
    {
        if (receipt is null)
        {
            return $"no receipt for {transactionHash}";
        }

        if (!string.Equals(receipt.TransactionHash, transactionHash, StringComparison.OrdinalIgnoreCase))
        {
            return $"asked for the receipt of {transactionHash}, got {receipt.TransactionHash}";
        }

        if (!string.Equals(receipt.BlockHash, blockHash, StringComparison.OrdinalIgnoreCase))
        {
            return $"receipt of {transactionHash} is in block {receipt.BlockHash}, its log in {blockHash}";
        }

        foreach (var log in ReceiptLogs(receipt))
        {
            var problem = CheckLog(log);
            if (problem is not null)
            {
                return problem;
            }

            if (!string.Equals(log.BlockHash, blockHash, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(log.TransactionHash, transactionHash, StringComparison.OrdinalIgnoreCase))
            {
                return $"receipt of {transactionHash} holds a log of another transaction or block";
            }
        }

        return null;
    }

    public static FilterLog[] ReceiptLogs(TransactionReceipt receipt) =>
        receipt.Logs ?? [];

    private static string? CheckLog(FilterLog? log) =>
        log is null ? "null log"
        : log.Removed ? "log marked removed"
        : log.BlockNumber is null || log.LogIndex is null ? "log without block number or log index"
        : !IsHash(log.BlockHash) ? $"log in block {log.BlockNumber.Value} has no valid block hash"
        : !IsHash(log.TransactionHash) ? $"log in block {log.BlockNumber.Value} has no valid transaction hash"
        : log.Topics is null ? "log without topics"
        : null;
}
