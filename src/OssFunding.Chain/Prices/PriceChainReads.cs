using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Contracts.ContractHandlers;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.Blocks;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using OssFunding.Chain.Rpc;

namespace OssFunding.Chain.Prices;

/// <summary>
/// The price sources' reads, all at one block number, through <see cref="ChainRpc"/> (failover, retries, chain-id
/// check). A contract that is missing or reverts at that block is a refusal with the reason, not an RPC failure:
/// asking another endpoint would get the same answer.
/// </summary>
internal sealed class PriceChainReads(ChainRpc rpc)
{
    private const string EthCall = "eth_call";

    public async Task<DateTimeOffset> BlockTimeAsync(long block, CancellationToken cancellationToken)
    {
        var header = await rpc.SendAsync(
            RpcMethods.GetBlockByNumber,
            client => new EthGetBlockWithTransactionsHashesByNumber(client).SendRequestAsync(new HexBigInteger(block)),
            answer => answer.Number?.Value == block && answer.Timestamp is not null ? null : $"asked for block {block}, got {answer.Number?.Value}",
            cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp.Value);
    }

    /// <summary>
    /// Calls <paramref name="contract"/> at <paramref name="block"/>; refuses (<see cref="PriceRefusedException"/>) when
    /// it has no code there or reverts. <paramref name="what"/> names the contract in the reason.
    /// </summary>
    public Task<TOutput> CallAsync<TFunction, TOutput>(string what, string contract, TFunction function, long block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        SendCallAsync<TFunction, TOutput>(what, contract, block,
            handler => handler.QueryDeserializingToObjectAsync<TOutput>(function, contract, At(block)), cancellationToken);

    /// <summary>A call returning one value (<c>decimals()</c>, <c>token0()</c>), with the same refusals as <see cref="CallAsync{TFunction, TOutput}"/>.</summary>
    public Task<TValue> QueryAsync<TFunction, TValue>(string what, string contract, TFunction function, long block, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        SendCallAsync<TFunction, TValue>(what, contract, block,
            handler => handler.QueryAsync<TValue>(contract, function, At(block)), cancellationToken);

    /// <summary>One eth_call through the RPC policy; a revert becomes a refusal naming the contract, not an RPC failure.</summary>
    private async Task<TValue> SendCallAsync<TFunction, TValue>(
        string what, string contract, long block, Func<IContractQueryHandler<TFunction>, Task<TValue>> query, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        await RequireCodeAsync(what, contract, block, cancellationToken);
        var answer = await rpc.SendAsync(
            EthCall,
            async client =>
            {
                try
                {
                    return new CallAnswer<TValue>(await query(new Web3(client).Eth.GetContractQueryHandler<TFunction>()), null);
                }
                catch (SmartContractRevertException revert)
                {
                    return new CallAnswer<TValue>(default, revert.RevertMessage ?? revert.Message);
                }
                catch (SmartContractCustomErrorRevertException revert)
                {
                    return new CallAnswer<TValue>(default, revert.Message);
                }
            },
            _ => null,
            cancellationToken);
        return answer.Reverted is null ? answer.Value! : throw Refuse(what, contract, block, $"reverted: {answer.Reverted}");
    }

    private async Task RequireCodeAsync(string what, string contract, long block, CancellationToken cancellationToken)
    {
        var code = await rpc.SendAsync(
            "eth_getCode",
            async client => new CallAnswer<string>(await new Nethereum.RPC.Eth.EthGetCode(client).SendRequestAsync(contract, At(block)), null),
            _ => null,
            cancellationToken);
        if (code.Value is not { Length: > 2 })
        {
            throw Refuse(what, contract, block, "has no contract code");
        }
    }

    private static PriceRefusedException Refuse(string what, string contract, long block, string problem) =>
        new($"{what} {contract} at block {block} {problem}");

    private static BlockParameter At(long block) => new(new HexBigInteger(block));

    // ChainRpc treats a null answer as a bad one; the wrapper carries "no value" (a revert, empty code) as an answer.
    private sealed record CallAnswer<T>(T? Value, string? Reverted);
}
