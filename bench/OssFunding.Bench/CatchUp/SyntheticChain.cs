using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using OssFunding.Safe.Contracts;

namespace OssFunding.Bench.CatchUp;

/// <summary>
/// An Arbitrum-sized chain made of a real devnet history: the Safe's logs, the token Transfer logs from it and the
/// receipts of its executions, as anvil answered them, re-based so that the blocks after the Safe's creation are spread
/// over <see cref="Head"/> − creation blocks. Every other block exists and is empty. Block hashes derive from the number
/// ("0x0b" + the number in 62 hex digits, parent = hash of number − 1), so any block can be served and a hash named in
/// an EIP-1898 read resolves to its block. The Safe's nonce at a block (storage slot 5) is the executions at or below it.
/// </summary>
internal sealed class SyntheticChain
{
    private readonly List<(long Block, JsonObject Log)> logs;
    private readonly Dictionary<string, JsonObject> receipts;
    private readonly long[] executionBlocks;

    private SyntheticChain(string safe, string token, long creationBlock, long head, List<(long, JsonObject)> logs,
        Dictionary<string, JsonObject> receipts, long[] executionBlocks)
    {
        Safe = safe.ToLowerInvariant();
        Token = token;
        CreationBlock = creationBlock;
        Head = head;
        this.logs = logs;
        this.receipts = receipts;
        this.executionBlocks = executionBlocks;
    }

    public string Safe { get; }

    /// <summary>The ERC-20 the Safe pays in (the devnet's LPT stand-in).</summary>
    public string Token { get; }

    public long CreationBlock { get; }

    public long Head { get; }

    public int Executions => executionBlocks.Length;

    /// <summary>Reads the history from anvil and spreads it: block b ≥ creation becomes creation + (b − creation) × stretch.</summary>
    public static async Task<SyntheticChain> RecordAsync(string rpcUrl, string safe, string token, long yearBlocks)
    {
        using var http = new HttpClient();
        var head = (long)Hex((await CallAsync(http, rpcUrl, "eth_blockNumber", new JsonArray()))!);
        var safeLogs = (JsonArray)(await CallAsync(http, rpcUrl, "eth_getLogs", new JsonArray(new JsonObject
        {
            ["address"] = safe, ["fromBlock"] = "0x0", ["toBlock"] = ToHex(head),
        })))!;
        var sender = "0x" + safe[2..].ToLowerInvariant().PadLeft(64, '0');
        var transferLogs = (JsonArray)(await CallAsync(http, rpcUrl, "eth_getLogs", new JsonArray(new JsonObject
        {
            ["address"] = new JsonArray(token), ["fromBlock"] = "0x0", ["toBlock"] = ToHex(head),
            ["topics"] = new JsonArray(SafeEventDecoder.TransferTopic, sender),
        })))!;
        var all = safeLogs.Concat(transferLogs).Cast<JsonObject>().ToList();
        var creation = all.Where(log => Topic0(log) == SafeEventDecoder.SafeSetupTopic).Select(Block).Single();
        var last = all.Max(Block);
        var stretch = yearBlocks / (last - creation + 1);
        long Rebase(long block) => block <= creation ? block : creation + ((block - creation) * stretch);

        var rebased = all.Select(log => (Block: Rebase(Block(log)), Log: Moved((JsonObject)log.DeepClone(), Rebase(Block(log)))))
            .OrderBy(entry => entry.Block).ThenBy(entry => Hex(entry.Log["logIndex"]!)).ToList();
        var executions = rebased.Where(entry => IsExecution(entry.Log)).ToList();
        var receipts = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var (block, log) in executions)
        {
            var hash = (string)log["transactionHash"]!;
            var receipt = (JsonObject)(await CallAsync(http, rpcUrl, "eth_getTransactionReceipt", new JsonArray(hash)))!;
            receipt["blockNumber"] = ToHex(block);
            receipt["blockHash"] = HashOf(block);
            foreach (var receiptLog in receipt["logs"]!.AsArray().Cast<JsonObject>())
            {
                Moved(receiptLog, block);
            }

            receipts[hash] = receipt;
        }

        return new SyntheticChain(safe, token, creation, creation + yearBlocks, rebased, receipts, [.. executions.Select(entry => entry.Block)]);
    }

    public static string HashOf(long block) =>
        block < 0 ? "0x" + new string('0', 64) : "0x0b" + block.ToString("x62", CultureInfo.InvariantCulture);

    /// <summary>The block a hash names, or null when no block of this chain has it.</summary>
    public long? BlockOf(string hash)
    {
        if (hash.Length != 66 || !hash.StartsWith("0x0b", StringComparison.OrdinalIgnoreCase)
            || !long.TryParse(hash.AsSpan(4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var block))
        {
            return null;
        }

        return block <= Head ? block : null;
    }

    public static JsonObject BlockAt(long block) => new()
    {
        ["number"] = ToHex(block),
        ["hash"] = HashOf(block),
        ["parentHash"] = HashOf(block - 1),
        ["timestamp"] = ToHex(1_700_000_000 + (block / 4)),
        ["transactions"] = new JsonArray(),
    };

    /// <summary>Logs of blocks from..to whose address is one of <paramref name="addresses"/> and whose topics match.</summary>
    public List<JsonObject> LogsIn(long from, long to, IReadOnlyCollection<string> addresses, JsonArray? topics)
    {
        var start = LowerBound(from);
        var found = new List<JsonObject>();
        for (var index = start; index < logs.Count && logs[index].Block <= to; index++)
        {
            var log = logs[index].Log;
            if (addresses.Contains(((string)log["address"]!).ToLowerInvariant()) && TopicsMatch(log, topics))
            {
                found.Add((JsonObject)log.DeepClone());
            }
        }

        return found;
    }

    public JsonObject? Receipt(string hash) => receipts.TryGetValue(hash, out var receipt) ? (JsonObject)receipt.DeepClone() : null;

    /// <summary>The Safe's nonce in the state of <paramref name="block"/>: executions at or below it.</summary>
    public int NonceAt(long block)
    {
        var index = Array.BinarySearch(executionBlocks, block);
        if (index < 0)
        {
            return ~index;
        }

        while (index + 1 < executionBlocks.Length && executionBlocks[index + 1] == block)
        {
            index++;
        }

        return index + 1;
    }

    public static string ToHex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static long Hex(JsonNode value) =>
        long.Parse(((string)value!).AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private int LowerBound(long block)
    {
        var (low, high) = (0, logs.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = logs[middle].Block < block ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private static bool TopicsMatch(JsonObject log, JsonArray? wanted)
    {
        if (wanted is null)
        {
            return true;
        }

        var topics = log["topics"]!.AsArray().Select(topic => ((string)topic!).ToLowerInvariant()).ToList();
        for (var position = 0; position < wanted.Count; position++)
        {
            var accepted = wanted[position] switch
            {
                null => null,
                JsonArray many => many.Select(item => ((string)item!).ToLowerInvariant()).ToList(),
                var one => [((string)one!).ToLowerInvariant()],
            };
            if (accepted is not null && (position >= topics.Count || !accepted.Contains(topics[position])))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonObject Moved(JsonObject log, long block)
    {
        log["blockNumber"] = ToHex(block);
        log["blockHash"] = HashOf(block);
        return log;
    }

    private static long Block(JsonObject log) => Hex(log["blockNumber"]!);

    private static string Topic0(JsonObject log) => ((string)log["topics"]![0]!).ToLowerInvariant();

    private static bool IsExecution(JsonObject log) =>
        Topic0(log) == SafeEventDecoder.ExecutionSuccessTopic || Topic0(log) == SafeEventDecoder.ExecutionFailureTopic;

    private static async Task<JsonNode?> CallAsync(HttpClient http, string url, string method, JsonArray parameters)
    {
        using var response = await http.PostAsJsonAsync(url, new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters,
        });
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return answer["error"] is { } error
            ? throw new InvalidOperationException($"anvil refused {method}: {error.ToJsonString()}")
            : answer["result"];
    }
}
