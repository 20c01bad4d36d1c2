using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Notices;

/// <summary>
/// Builds notice payloads (SPEC §9): Safe, nonce, safeTxHash, every payment, totals per token, signatures x/threshold
/// and who is missing, the typed data, and links (Safe{Wallet}, the worker's API path, the explorer).
/// </summary>
public sealed class NoticePayloads(IOptions<ChainOptions> chain)
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    // Safe{Wallet} network prefixes (EIP-3770 short names) of the chains it serves that the worker may run on.
    private static readonly Dictionary<long, string> SafeWalletPrefixes = new()
    {
        [1] = "eth", [42161] = "arb1", [421614] = "arb-sep", [11155111] = "sep",
    };

    public JsonObject ForTransaction(TransactionView view, string summary)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new JsonObject
        {
            ["summary"] = summary,
            ["safe"] = view.Safe,
            ["chainId"] = view.ChainId,
            ["nonce"] = view.Nonce,
            ["safeTxHash"] = view.SafeTxHash,
            ["status"] = view.Status.ToString(),
            ["statusReason"] = view.StatusReason,
            ["payments"] = JsonSerializer.SerializeToNode(view.Payments, Camel),
            ["totals"] = JsonSerializer.SerializeToNode(view.Totals, Camel),
            ["signatures"] = string.Create(CultureInfo.InvariantCulture, $"{view.Signatures.Count}/{view.Threshold}"),
            ["signedBy"] = new JsonArray(view.Signatures.Select(s => (JsonNode)JsonValue.Create(s.Owner)).ToArray()),
            ["missingOwners"] = new JsonArray(view.MissingOwners.Select(o => (JsonNode)JsonValue.Create(o)).ToArray()),
            ["executionTxHash"] = view.ExecutionTxHash,
            ["blockNumber"] = view.BlockNumber,
            ["typedData"] = view.TypedData.DeepClone(),
            ["links"] = Links(view),
        };
    }

    /// <summary>An alert that is not about one transaction: a summary plus named details.</summary>
    public JsonObject ForAlert(string summary, IReadOnlyDictionary<string, JsonNode?> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var payload = new JsonObject { ["summary"] = summary, ["chainId"] = chain.Value.ChainId };
        foreach (var (key, value) in details)
        {
            payload[key] = value?.DeepClone();
        }

        return payload;
    }

    /// <summary>Explorer link to a chain transaction.</summary>
    public string ExplorerTx(string txHash) => $"{chain.Value.ExplorerUrl.TrimEnd('/')}/tx/{txHash}";

    private JsonObject Links(TransactionView view)
    {
        var links = new JsonObject
        {
            ["api"] = $"/api/transactions/{view.SafeTxHash}",
            ["explorerSafe"] = $"{chain.Value.ExplorerUrl.TrimEnd('/')}/address/{view.Safe}",
        };
        if (SafeWalletPrefixes.TryGetValue(view.ChainId, out var prefix))
        {
            links["safeWallet"] =
                $"https://app.safe.global/transactions/tx?safe={prefix}:{view.Safe}&id=multisig_{view.Safe}_{view.SafeTxHash}";
        }

        if (view.ExecutionTxHash is { } executed)
        {
            links["explorerTx"] = ExplorerTx(executed);
        }

        return links;
    }
}
