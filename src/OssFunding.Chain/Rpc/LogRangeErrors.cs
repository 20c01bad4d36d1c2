using System.Net;
using Nethereum.JsonRpc.Client;

namespace OssFunding.Chain.Rpc;

/// <summary>Recognizes the ways providers say "this <c>eth_getLogs</c> range is too big".</summary>
internal static class LogRangeErrors
{
    // Geth/anvil/Infura -32005 "query returned more than 10000 results"; Infura -32602 "range 1000000 exceeds limit of
    // 10000"; Alchemy "Log response size exceeded" and -32600 "You can make eth_getLogs requests with up to a 2K block
    // range"; QuickNode "eth_getLogs is limited to a 10,000 range"; Tenderly and others "block range too large",
    // "block range is too wide", "block range too high"; reth "query exceeds max block range 100000".
    private static readonly string[] Phrases =
    [
        "query returned more than", "too many results", "block range", "range is too", "response size",
        "too many blocks", "exceed maximum block range", "exceeds max block range", "exceeds limit of",
        "is limited to a", "range too large",
    ];

    // Infura answers -32005 for a result limit and for its rate limit alike ("daily request count exceeded, request
    // rate limited", "project ID request rate exceeded"): a rate limit is a reason to wait, not to shrink the range.
    private static readonly string[] RateLimitPhrases = ["rate limit", "request rate", "request count", "too many requests"];

    private const int LimitExceededCode = -32005;

    public static bool IsRangeProblem(RpcError error)
    {
        var message = error.Message ?? "";
        if (RateLimitPhrases.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return error.Code == LimitExceededCode
               || Phrases.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>QuickNode may refuse a too wide range with HTTP 413 instead of a JSON-RPC error.</summary>
    public static bool IsRangeProblem(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { StatusCode: HttpStatusCode.RequestEntityTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
