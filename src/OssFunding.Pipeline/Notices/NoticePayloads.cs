using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Notices;

/// <summary>
/// Builds notice payloads (SPEC §9): Safe, nonce, safeTxHash, every payment, totals per token, signatures x/threshold
/// and who is missing, the typed data, and links (the worker's signer page and API paths, Safe{Wallet} where the
/// transaction is in the Transaction Service, the explorer).
/// </summary>
public sealed class NoticePayloads(IOptions<ChainOptions> chain, IOptions<SigningOptions> signing)
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    // Safe{Wallet} network prefixes (EIP-3770 short names, as its transaction links write them) of the chains it serves.
    private static readonly Dictionary<long, string> SafeWalletPrefixes = new()
    {
        [1] = "eth", [10] = "oeth", [56] = "bnb", [100] = "gno", [8453] = "base", [42161] = "arb1", [84532] = "basesep",
        [11155111] = "sep",
    };

    /// <summary>
    /// The transaction's page in Safe{Wallet}, or null: Safe{Wallet} shows only what the Transaction Service holds, so
    /// only in <c>Signing:Mode=TransactionService</c>, and only on a chain it serves.
    /// </summary>
    public string? SafeWalletLink(TransactionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return signing.Value.Mode == SigningMode.TransactionService && SafeWalletPrefixes.TryGetValue(view.ChainId, out var prefix)
            ? $"https://app.safe.global/transactions/tx?safe={prefix}:{view.Safe}&id=multisig_{view.Safe}_{view.SafeTxHash}"
            : null;
    }

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
            ["signerPage"] = $"/sign/{view.SafeTxHash}",
            ["api"] = $"/api/transactions/{view.SafeTxHash}",
            ["explorerSafe"] = $"{chain.Value.ExplorerUrl.TrimEnd('/')}/address/{view.Safe}",
        };
        if (SafeWalletLink(view) is { } safeWallet)
        {
            links["safeWallet"] = safeWallet;
        }

        if (view.ExecutionTxHash is { } executed)
        {
            links["explorerTx"] = ExplorerTx(executed);
        }

        return links;
    }
}
