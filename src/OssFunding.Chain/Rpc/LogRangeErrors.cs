using Nethereum.JsonRpc.Client;

namespace OssFunding.Chain.Rpc;

/// <summary>Recognizes the ways providers say "this <c>eth_getLogs</c> range is too big".</summary>
internal static class LogRangeErrors
{
    // Geth/anvil "query returned more than 10000 results", Alchemy "Log response size exceeded",
    // Infura -32005 "query returned more than 10000 results", others "block range is too wide" / "too many blocks".
    private static readonly string[] Phrases =
    [
        "query returned more than", "too many results", "block range", "range is too", "response size",
        "too many blocks", "limit exceeded", "exceed maximum block range",
    ];

    private const int LimitExceededCode = -32005;

    public static bool IsRangeProblem(RpcError error) =>
        error.Code == LimitExceededCode
        || Phrases.Any(phrase => error.Message?.Contains(phrase, StringComparison.OrdinalIgnoreCase) == true);
}
