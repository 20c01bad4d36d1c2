using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// What the fake service knows about a Safe, read from the chain on every request as the real service reads its node:
/// owners, nonce, the Safe's own <c>getTransactionHash</c> (so the hash the fake checks is the contract's, not the
/// worker's hasher), approved hashes, and which SafeTx hashes executed (ExecutionSuccess/ExecutionFailure logs).
/// </summary>
internal sealed class FakeSafeChain(string rpcUrl)
{
    private readonly Web3 web3 = new(rpcUrl);

    public async Task<IReadOnlyList<string>> OwnersAsync(string safe) => await Contract(safe).GetOwnersAsync();

    public Task<BigInteger> NonceAsync(string safe) => Contract(safe).GetNonceAsync();

    public Task<int> ThresholdAsync(string safe) => Contract(safe).GetThresholdAsync();

    public async Task<string> TransactionHashAsync(string safe, ProposalFields fields) =>
        (await Contract(safe).GetTransactionHashAsync(new GetTransactionHashFunction
        {
            To = fields.To, Value = fields.Value, Data = fields.Data, Operation = (byte)fields.Operation, SafeTxGas = fields.SafeTxGas,
            BaseGas = fields.BaseGas, SafeGasPrice = fields.GasPrice, GasToken = fields.GasToken, RefundReceiver = fields.RefundReceiver,
            SafeNonce = fields.Nonce,
        })).ToHex(true);

    public Task<bool> IsHashApprovedAsync(string safe, string owner, string safeTxHash) =>
        Contract(safe).IsHashApprovedAsync(owner, safeTxHash.HexToByteArray());

    /// <summary>SafeTx hashes the Safe executed (successfully or not), from its logs.</summary>
    public async Task<IReadOnlySet<string>> ExecutedHashesAsync(string safe)
    {
        var logs = await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            Address = [safe],
            FromBlock = new BlockParameter(new HexBigInteger(0)),
            ToBlock = BlockParameter.CreateLatest(),
            Topics = [new object[] { SafeEventDecoder.ExecutionSuccessTopic, SafeEventDecoder.ExecutionFailureTopic }],
        });
        return SafeEventDecoder.DecodeAll(logs).OfType<SafeExecutionEvent>()
            .Select(e => e.SafeTxHash.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private SafeContract Contract(string safe) => new(web3, safe);
}
