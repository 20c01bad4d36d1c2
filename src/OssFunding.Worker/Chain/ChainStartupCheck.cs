using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Core.Secrets;
using OssFunding.Pipeline.Chain;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;

namespace OssFunding.Worker.Chain;

/// <summary>
/// Checks the configuration against the chain before <c>run</c> starts (SPEC §3): every RPC URL that answers serves
/// <c>Chain:ChainId</c> and at least one answers; the Safe has code and its owners and threshold can be read; each
/// token's <c>decimals()</c> equals <c>Tokens:X:Decimals</c>; <c>Safe:MultiSendCallOnly</c>, the target of the
/// Safe's DELEGATECALL, has the runtime code of a MultiSendCallOnly release. One line per problem, starting with the key.
/// </summary>
internal sealed class ChainStartupCheck(
    IOptions<ChainOptions> chain, IOptions<TokensOptions> tokens, IOptions<SafeOptions> safeOptions, ChainRpc rpc,
    SafeChainReader safe, ILogger<ChainStartupCheck> logger)
    : IStartupCheck
{
    public async Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var answering = 0;
        for (var index = 0; index < chain.Value.RpcUrls.Count; index++)
        {
            var problem = await CheckChainIdAsync(index, cancellationToken);
            if (problem is null)
            {
                answering++;
            }
            else if (problem.StartsWith("wrong", StringComparison.Ordinal))
            {
                problems.Add($"Chain:RpcUrls:{index}: {problem[6..]}");
            }
            else
            {
                logger.LogWarning("RPC endpoint {Index} does not answer at start: {Problem}", index, problem);
            }
        }

        if (answering == 0)
        {
            problems.Add($"Chain:RpcUrls: no endpoint answers eth_chainId with {chain.Value.ChainId}; the Safe and tokens cannot be checked.");
            return problems;
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        problems.AddRange(await CheckSafeAsync(cancellationToken));
        problems.AddRange(await CheckMultiSendAsync(cancellationToken));
        problems.AddRange(await CheckTokensAsync(cancellationToken));
        return problems;
    }

    /// <summary>Null when the endpoint serves the configured chain; "wrong: …" when it serves another; else why it did not answer.</summary>
    private async Task<string?> CheckChainIdAsync(int index, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var client = new RpcClient(new Uri(chain.Value.RpcUrls[index]), http);
            var actual = (long)(await new EthChainId(client).SendRequestAsync().WaitAsync(cancellationToken)).Value;
            return actual == chain.Value.ChainId
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"wrong: serves chain id {actual}, but Chain:ChainId is {chain.Value.ChainId}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return UrlMasking.MaskUrlsIn(exception.Message);
        }
    }

    private async Task<IReadOnlyList<string>> CheckSafeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var code = await rpc.SendAsync("eth_getCode",
                client => new EthGetCode(client).SendRequestAsync(safe.Safe, BlockParameter.CreateLatest()), _ => null, cancellationToken);
            if (code is null or "0x" or "0x0")
            {
                return [$"Safe:Address: {safe.Safe} has no contract code on chain {chain.Value.ChainId}: is it the Safe's address on this chain?"];
            }

            var state = await safe.ReadSafeAsync(cancellationToken);
            try
            {
                // Hashing, signature checks and event decoding are written for SafeVersions.Supported only.
                SafeVersions.Parse(state.Version);
            }
            catch (NotSupportedException unsupported)
            {
                return [$"Safe:Address: {safe.Safe}: {unsupported.Message}"];
            }

            logger.LogInformation("Safe {Safe} version {SafeVersion}: {Threshold} of {Owners} owners, nonce {Nonce}",
                safe.Safe, state.Version, state.Threshold, state.Owners.Count, (long)state.Nonce);
            return [];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return [$"Safe:Address: cannot read owners and threshold of {safe.Safe}: {exception.Message}"];
        }
    }

    /// <summary>A DELEGATECALL runs the callee with the Safe's authority: only known, audited code may be the target.</summary>
    private async Task<IReadOnlyList<string>> CheckMultiSendAsync(CancellationToken cancellationToken)
    {
        var address = safeOptions.Value.MultiSendCallOnly;
        try
        {
            var code = await rpc.SendAsync("eth_getCode",
                client => new EthGetCode(client).SendRequestAsync(address, BlockParameter.CreateLatest()), _ => null, cancellationToken);
            if (code is null or "0x" or "0x0")
            {
                return [$"Safe:MultiSendCallOnly: {address} has no contract code on chain {chain.Value.ChainId}; expected MultiSendCallOnly {SafeVersions.SupportedText}."];
            }

            var release = MultiSendCallOnlyCode.ReleaseOf(code);
            if (release is null)
            {
                return [$"Safe:MultiSendCallOnly: {address} has code with keccak {MultiSendCallOnlyCode.HashOf(code)}, which is no MultiSendCallOnly release ({SafeVersions.SupportedText}); the Safe would DELEGATECALL it with full authority."];
            }

            logger.LogInformation("MultiSendCallOnly {Address} is release {Release}", address, release);
            return [];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return [$"Safe:MultiSendCallOnly: cannot read the code of {address}: {exception.Message}"];
        }
    }

    private async Task<IReadOnlyList<string>> CheckTokensAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (symbol, token) in tokens.Value)
        {
            try
            {
                var decimals = await rpc.SendAsync("eth_call",
                    client => new Erc20Contract(new Web3(client), token.Address).DecimalsAsync(), _ => null, cancellationToken);
                if (decimals != token.Decimals)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"Tokens:{symbol}:Decimals: is {token.Decimals}, but the contract {token.Address} says decimals() = {decimals}"));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                problems.Add($"Tokens:{symbol}:Address: cannot read decimals() of {token.Address}: {exception.Message}");
            }
        }

        return problems;
    }
}
