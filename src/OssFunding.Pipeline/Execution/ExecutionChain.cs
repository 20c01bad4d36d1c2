using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.Eth.Transactions;
using Nethereum.Web3;
using OssFunding.Chain.Rpc;
using OssFunding.Safe.Contracts.Abi;

namespace OssFunding.Pipeline.Execution;

/// <summary>Outcome of an <c>eth_call</c> or <c>eth_estimateGas</c> of <c>execTransaction</c>: gas, or the revert reason.</summary>
public sealed record SimulationResult(BigInteger Gas, string? RevertReason)
{
    public bool Reverted => RevertReason is not null;
}

/// <summary>EIP-1559 fees per gas, in wei.</summary>
public sealed record Eip1559Fees(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas);

/// <summary>A receipt, or none yet (wrapped: <see cref="ChainRpc"/> treats a null answer as an error).</summary>
internal sealed record ReceiptLookup(TransactionReceipt? Receipt);

/// <summary>What a node said to <c>eth_sendRawTransaction</c>: accepted, or its refusal (e.g. "already known", "nonce too low").</summary>
internal sealed record BroadcastResult(bool Accepted, string? Refusal);

/// <summary>
/// The executor's chain calls through <see cref="ChainRpc"/> (failover, retries, chain-id check). Answers that are not
/// transport failures (a revert, a refused raw transaction, no receipt yet) are returned as values, so they are neither
/// retried nor counted against an endpoint.
/// </summary>
public sealed class ExecutionChain(ChainRpc rpc)
{
    /// <summary>
    /// <c>eth_estimateGas</c> of <c>execTransaction</c> from <paramref name="from"/> against the latest block, which
    /// runs the call like <c>eth_call</c>: a GS0xx revert comes back as <see cref="SimulationResult.RevertReason"/>.
    /// </summary>
    public Task<SimulationResult> SimulateAsync(string safe, string from, ExecTransactionFunction function, CancellationToken cancellationToken) =>
        rpc.SendAsync("eth_call", async client =>
        {
            var handler = new Web3(client).Eth.GetContractHandler(safe);
            function.FromAddress = from;
            try
            {
                await handler.QueryRawAsync<ExecTransactionFunction>(function, BlockParameter.CreateLatest());
                var gas = await handler.EstimateGasAsync(function);
                return new SimulationResult(gas.Value, null);
            }
            catch (SmartContractRevertException revert)
            {
                return new SimulationResult(BigInteger.Zero, revert.RevertMessage ?? revert.Message);
            }
            catch (SmartContractCustomErrorRevertException revert)
            {
                return new SimulationResult(BigInteger.Zero, revert.Message);
            }
            catch (RpcResponseException error) when (IsRevert(error))
            {
                return new SimulationResult(BigInteger.Zero, error.RpcError.Message);
            }
        }, _ => null, cancellationToken);

    /// <summary>Max priority fee from <c>eth_maxPriorityFeePerGas</c>; max fee = 2 × next block's base fee + priority.</summary>
    public async Task<Eip1559Fees> SuggestFeesAsync(CancellationToken cancellationToken)
    {
        var history = await rpc.SendAsync("eth_feeHistory",
            client => client.SendRequestAsync<FeeHistoryResult>("eth_feeHistory", null, "0x1", "latest", Array.Empty<decimal>()),
            answer => answer.BaseFeePerGas is { Length: > 0 } ? null : "no baseFeePerGas", cancellationToken);
        var priority = await rpc.SendAsync("eth_maxPriorityFeePerGas",
            client => client.SendRequestAsync<HexBigInteger>("eth_maxPriorityFeePerGas"), _ => null, cancellationToken);
        var nextBaseFee = history.BaseFeePerGas[^1].Value;
        return new Eip1559Fees((2 * nextBaseFee) + priority.Value, priority.Value);
    }

    /// <summary>Transactions sent by <paramref name="account"/>, counting those waiting in the node's pool when <paramref name="pending"/>.</summary>
    public async Task<BigInteger> TransactionCountAsync(string account, bool pending, CancellationToken cancellationToken) =>
        (await rpc.SendAsync("eth_getTransactionCount",
            client => new EthGetTransactionCount(client).SendRequestAsync(account, pending ? BlockParameter.CreatePending() : BlockParameter.CreateLatest()),
            _ => null, cancellationToken)).Value;

    public async Task<BigInteger> BalanceAsync(string account, CancellationToken cancellationToken) =>
        (await rpc.SendAsync("eth_getBalance",
            client => new Nethereum.RPC.Eth.EthGetBalance(client).SendRequestAsync(account, BlockParameter.CreateLatest()),
            _ => null, cancellationToken)).Value;

    internal Task<ReceiptLookup> ReceiptAsync(string transactionHash, CancellationToken cancellationToken) =>
        rpc.SendAsync(RpcMethods.GetTransactionReceipt,
            async client => new ReceiptLookup(await new EthGetTransactionReceipt(client).SendRequestAsync(transactionHash)),
            lookup => lookup.Receipt is { } receipt && !string.Equals(receipt.TransactionHash, transactionHash, StringComparison.OrdinalIgnoreCase)
                ? $"asked for the receipt of {transactionHash}, got {receipt.TransactionHash}"
                : null,
            cancellationToken);

    /// <summary>Broadcasts a signed raw transaction. Sending the same bytes again is harmless: the hash is the same.</summary>
    internal Task<BroadcastResult> BroadcastAsync(string rawTransactionHex, CancellationToken cancellationToken) =>
        rpc.SendAsync("eth_sendRawTransaction", async client =>
        {
            try
            {
                await new EthSendRawTransaction(client).SendRequestAsync(rawTransactionHex);
                return new BroadcastResult(true, null);
            }
            catch (RpcResponseException refused)
            {
                return new BroadcastResult(false, refused.RpcError.Message);
            }
        }, _ => null, cancellationToken);

    // Nodes word reverts differently ("execution reverted: GS013", "revert GS026"); error code 3 is the EIP-1474 revert.
    private static bool IsRevert(RpcResponseException error) =>
        error.RpcError.Code == 3 || error.RpcError.Message.Contains("revert", StringComparison.OrdinalIgnoreCase);
}
