using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using OssFunding.Chain.Rpc;
using OssFunding.Safe.Contracts.Abi;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// Turns the Safe's logs and its executions' receipts into mirror rows. The Safe version is told by the log's shape:
/// 1.4.1 indexes <c>txHash</c>/<c>owner</c> (two topics), 1.3.0 keeps them in the data (one topic).
/// </summary>
internal static class SafeLogDecoder
{
    private static readonly string ExecutionSuccess = Topic<ExecutionSuccessV141Event>();
    private static readonly string ExecutionFailure = Topic<ExecutionFailureV141Event>();
    private static readonly string AddedOwner = Topic<AddedOwnerV141Event>();
    private static readonly string RemovedOwner = Topic<RemovedOwnerV141Event>();
    private static readonly string ApproveHash = Topic<ApproveHashEvent>();
    private static readonly string ChangedThreshold = Topic<ChangedThresholdEvent>();
    private static readonly string SafeMultiSigTransaction = Topic<SafeMultiSigTransactionEvent>();
    private static readonly string Transfer = Topic<TransferEvent>();
    private static readonly string ModuleSuccess = Keccak("ExecutionFromModuleSuccess(address)");
    private static readonly string ModuleFailure = Keccak("ExecutionFromModuleFailure(address)");

    public static SafeEventRow Decode(FilterLog log, string safe)
    {
        var topics = log.Topics.Select(topic => topic?.ToString()?.ToLowerInvariant() ?? "").ToArray();
        var row = new SafeEventRow(
            log.TransactionHash.ToLowerInvariant(), (long)log.LogIndex.Value, safe, (long)log.BlockNumber.Value,
            log.BlockHash.ToLowerInvariant(), SafeEventNames.Other, null, null, null, null, null, null, null,
            string.Join(',', topics), (log.Data ?? "0x").ToLowerInvariant());
        var topic0 = topics.Length > 0 ? topics[0] : "";
        var indexed = topics.Length > 1;
        try
        {
            return topic0 switch
            {
                _ when topic0 == ExecutionSuccess => Execution(row, SafeEventNames.ExecutionSuccess, indexed
                    ? Tuple(log.DecodeEvent<ExecutionSuccessV141Event>().Event, e => (e.TxHash, e.Payment))
                    : Tuple(log.DecodeEvent<ExecutionSuccessV130Event>().Event, e => (e.TxHash, e.Payment))),
                _ when topic0 == ExecutionFailure => Execution(row, SafeEventNames.ExecutionFailure, indexed
                    ? Tuple(log.DecodeEvent<ExecutionFailureV141Event>().Event, e => (e.TxHash, e.Payment))
                    : Tuple(log.DecodeEvent<ExecutionFailureV130Event>().Event, e => (e.TxHash, e.Payment))),
                _ when topic0 == ModuleSuccess => row with { Event = SafeEventNames.ExecutionFromModuleSuccess, Module = TopicAddress(topics, 1) },
                _ when topic0 == ModuleFailure => row with { Event = SafeEventNames.ExecutionFromModuleFailure, Module = TopicAddress(topics, 1) },
                _ when topic0 == AddedOwner => row with
                {
                    Event = SafeEventNames.AddedOwner,
                    Owner = Checksum(indexed ? log.DecodeEvent<AddedOwnerV141Event>().Event.Owner : log.DecodeEvent<AddedOwnerV130Event>().Event.Owner),
                },
                _ when topic0 == RemovedOwner => row with
                {
                    Event = SafeEventNames.RemovedOwner,
                    Owner = Checksum(indexed ? log.DecodeEvent<RemovedOwnerV141Event>().Event.Owner : log.DecodeEvent<RemovedOwnerV130Event>().Event.Owner),
                },
                _ when topic0 == ApproveHash => ApprovedHash(row, log.DecodeEvent<ApproveHashEvent>().Event),
                _ when topic0 == ChangedThreshold => row with
                {
                    Event = SafeEventNames.ChangedThreshold,
                    Threshold = (long)log.DecodeEvent<ChangedThresholdEvent>().Event.Threshold,
                },
                _ when topic0 == SafeMultiSigTransaction => row with
                {
                    Event = SafeEventNames.SafeMultiSigTransaction,
                    Nonce = NonceOf(log.DecodeEvent<SafeMultiSigTransactionEvent>().Event.AdditionalInfo),
                },
                _ => row,
            };
        }
        catch (Exception exception) when (exception is not BadRpcAnswerException)
        {
            throw new BadRpcAnswerException(RpcMethods.GetLogs, "decoder",
                $"Safe log {row.TxHash}#{row.LogIndex} with topic {topic0} does not decode: {exception.Message}");
        }
    }

    /// <summary>
    /// The ERC-20 Transfer logs with from = <paramref name="safe"/> in <paramref name="receipt"/>, each tied to the first
    /// Safe execution event that follows it in the transaction (the Safe emits that event after its call returns).
    /// </summary>
    public static IReadOnlyList<TransferRow> TransfersFromSafe(
        TransactionReceipt receipt, string safe, IReadOnlyCollection<long> executionLogIndexes)
    {
        var paddedSafe = "0x" + safe[2..].ToLowerInvariant().PadLeft(64, '0');
        var rows = new List<TransferRow>();
        foreach (var log in LogChecks.ReceiptLogs(receipt))
        {
            var topics = log.Topics.Select(topic => topic?.ToString()?.ToLowerInvariant() ?? "").ToArray();
            // Three topics: ERC-20 (ERC-721 indexes the token id as a fourth).
            if (topics.Length != 3 || topics[0] != Transfer || topics[1] != paddedSafe)
            {
                continue;
            }

            var transfer = log.DecodeEvent<TransferEvent>().Event;
            var logIndex = (long)log.LogIndex.Value;
            var execution = executionLogIndexes.Where(index => index > logIndex).DefaultIfEmpty(-1).Min();
            rows.Add(new TransferRow(
                log.TransactionHash.ToLowerInvariant(), logIndex, safe, (long)log.BlockNumber.Value,
                log.BlockHash.ToLowerInvariant(), Checksum(log.Address), Checksum(transfer.From), Checksum(transfer.To),
                transfer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), execution >= 0 ? execution : null));
        }

        return rows;
    }

    private static SafeEventRow Execution(SafeEventRow row, string name, (byte[] TxHash, BigInteger Payment) decoded) =>
        row with
        {
            Event = name,
            SafeTxHash = decoded.TxHash.ToHex(prefix: true),
            Payment = decoded.Payment.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    private static SafeEventRow ApprovedHash(SafeEventRow row, ApproveHashEvent approval) =>
        row with { Event = SafeEventNames.ApproveHash, ApprovedHash = approval.ApprovedHash.ToHex(prefix: true), Owner = Checksum(approval.Owner) };

    private static (byte[], BigInteger) Tuple<T>(T value, Func<T, (byte[], BigInteger)> pick) => pick(value);

    /// <summary>additionalInfo = abi.encode(nonce, msg.sender, threshold): the nonce is the first word.</summary>
    private static long? NonceOf(byte[] additionalInfo) =>
        additionalInfo.Length >= 32 ? (long)new BigInteger(additionalInfo.AsSpan(0, 32), isUnsigned: true, isBigEndian: true) : null;

    private static string? TopicAddress(string[] topics, int index) =>
        topics.Length > index && topics[index].Length == 66 ? Checksum("0x" + topics[index][26..]) : null;

    private static string Checksum(string address) => AddressUtil.Current.ConvertToChecksumAddress(address);

    private static string Topic<TEvent>() => "0x" + ABITypedRegistry.GetEvent<TEvent>().Sha3Signature.ToLowerInvariant();

    private static string Keccak(string signature) => "0x" + Sha3Keccack.Current.CalculateHash(signature).ToLowerInvariant();
}
