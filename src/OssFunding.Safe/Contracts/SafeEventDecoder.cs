using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using OssFunding.Safe.Contracts.Abi;

namespace OssFunding.Safe.Contracts;

/// <summary>
/// Turns raw logs into <see cref="SafeEvent"/>s for every supported Safe version. 1.3.0 and 1.4.1/1.5.0 events share
/// topic 0 but differ in indexing (txHash/owner in the data on 1.3.0, in topic 1 on 1.4.1 and 1.5.0), so the decoder
/// picks the DTO from the number of topics the log actually has rather than trusting a configured version.
/// </summary>
public static class SafeEventDecoder
{
    // topic 0 is the same for both versions: indexing is not part of the event signature.
    public static string ExecutionSuccessTopic { get; } = Topic<ExecutionSuccessV141Event>();
    public static string ExecutionFailureTopic { get; } = Topic<ExecutionFailureV141Event>();
    public static string MultiSigTransactionTopic { get; } = Topic<Abi.SafeMultiSigTransactionEvent>();
    public static string ApproveHashTopic { get; } = Topic<ApproveHashEvent>();
    public static string AddedOwnerTopic { get; } = Topic<AddedOwnerV141Event>();
    public static string RemovedOwnerTopic { get; } = Topic<RemovedOwnerV141Event>();
    public static string ChangedThresholdTopic { get; } = Topic<ChangedThresholdEvent>();

    /// <summary>topic 0 of every Safe event this decoder understands, for <c>eth_getLogs</c> filters.</summary>
    public static IReadOnlyList<string> SafeTopics { get; } =
    [
        ExecutionSuccessTopic, ExecutionFailureTopic, MultiSigTransactionTopic, ApproveHashTopic,
        AddedOwnerTopic, RemovedOwnerTopic, ChangedThresholdTopic,
    ];

    /// <summary>topic 0 of <c>SafeSetup</c>, emitted by the Safe's proxy once, in the transaction that creates it.</summary>
    public static string SafeSetupTopic { get; } = Topic<Abi.SafeSetupEvent>();

    /// <summary>topic 0 of ERC-20 <c>Transfer(address,address,uint256)</c>.</summary>
    public static string TransferTopic { get; } = Topic<TransferEvent>();

    /// <summary>The decoded Safe event, or null when the log is not one of <see cref="SafeTopics"/>.</summary>
    /// <exception cref="FormatException">The log has a known topic 0 but a shape neither version emits.</exception>
    public static SafeEvent? TryDecode(FilterLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var topic = TopicZero(log);
        var location = LocationOf(log);
        var indexed = log.Topics.Length > 1;

        if (topic == ExecutionSuccessTopic || topic == ExecutionFailureTopic)
        {
            var succeeded = topic == ExecutionSuccessTopic;
            var (hash, payment) = (succeeded, indexed) switch
            {
                (true, true) => Decode<ExecutionSuccessV141Event, (byte[], BigInteger)>(log, 2, e => (e.TxHash, e.Payment)),
                (true, false) => Decode<ExecutionSuccessV130Event, (byte[], BigInteger)>(log, 1, e => (e.TxHash, e.Payment)),
                (false, true) => Decode<ExecutionFailureV141Event, (byte[], BigInteger)>(log, 2, e => (e.TxHash, e.Payment)),
                (false, false) => Decode<ExecutionFailureV130Event, (byte[], BigInteger)>(log, 1, e => (e.TxHash, e.Payment)),
            };
            return new SafeExecutionEvent(location, Hex(hash), payment, succeeded);
        }

        if (topic == MultiSigTransactionTopic)
        {
            return MultiSigTransaction(log, location);
        }

        if (topic == ApproveHashTopic)
        {
            var e = Decode<ApproveHashEvent, ApproveHashEvent>(log, 3, x => x);
            return new SafeHashApprovedEvent(location, Hex(e.ApprovedHash), Checksum(e.Owner));
        }

        if (topic == AddedOwnerTopic)
        {
            var owner = indexed
                ? Decode<AddedOwnerV141Event, string>(log, 2, e => e.Owner)
                : Decode<AddedOwnerV130Event, string>(log, 1, e => e.Owner);
            return new SafeOwnerAddedEvent(location, Checksum(owner));
        }

        if (topic == RemovedOwnerTopic)
        {
            var owner = indexed
                ? Decode<RemovedOwnerV141Event, string>(log, 2, e => e.Owner)
                : Decode<RemovedOwnerV130Event, string>(log, 1, e => e.Owner);
            return new SafeOwnerRemovedEvent(location, Checksum(owner));
        }

        if (topic == ChangedThresholdTopic)
        {
            return new SafeThresholdChangedEvent(location, Decode<ChangedThresholdEvent, BigInteger>(log, 1, e => e.Threshold));
        }

        return null;
    }

    /// <summary>Every Safe event among <paramref name="logs"/>, in the order given; other logs are skipped.</summary>
    public static IReadOnlyList<SafeEvent> DecodeAll(IEnumerable<FilterLog> logs)
        => [.. logs.Select(TryDecode).OfType<SafeEvent>()];

    /// <summary>The ERC-20 transfer, or null for any other log (including ERC-721 transfers, which index the value).</summary>
    public static Erc20TransferEvent? TryDecodeTransfer(FilterLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (TopicZero(log) != TransferTopic || log.Topics.Length != 3)
        {
            return null;
        }

        var e = Decode<TransferEvent, TransferEvent>(log, 3, x => x);
        return new Erc20TransferEvent(LocationOf(log), Checksum(log.Address), Checksum(e.From), Checksum(e.To), e.Value);
    }

    public static IReadOnlyList<Erc20TransferEvent> DecodeTransfers(IEnumerable<FilterLog> logs)
        => [.. logs.Select(TryDecodeTransfer).OfType<Erc20TransferEvent>()];

    private static SafeMultiSigTransactionLogged MultiSigTransaction(FilterLog log, LogLocation location)
    {
        var e = Decode<Abi.SafeMultiSigTransactionEvent, Abi.SafeMultiSigTransactionEvent>(log, 1, x => x);
        var info = new FunctionCallDecoder().DecodeFunctionOutput<SafeMultiSigAdditionalInfo>(e.AdditionalInfo.ToHex(prefix: true));
        return new SafeMultiSigTransactionLogged(location, Checksum(e.To), e.Value, e.Data, e.Operation, e.SafeTxGas, e.BaseGas,
            e.GasPrice, Checksum(e.GasToken), Checksum(e.RefundReceiver), e.Signatures, info.Nonce, Checksum(info.Sender), info.Threshold);
    }

    private static TResult Decode<TEvent, TResult>(FilterLog log, int expectedTopics, Func<TEvent, TResult> select)
        where TEvent : IEventDTO, new()
    {
        if (log.Topics.Length != expectedTopics)
        {
            throw new FormatException(
                $"Log {log.TransactionHash}#{log.LogIndex?.Value} has {log.Topics.Length} topics; {typeof(TEvent).Name} has {expectedTopics}.");
        }

        return select(log.DecodeEvent<TEvent>().Event);
    }

    private static string Topic<TEvent>()
        where TEvent : IEventDTO, new()
        => EventExtensions.GetEventABI<TEvent>().Sha3Signature.EnsureHexPrefix().ToLowerInvariant();

    private static string? TopicZero(FilterLog log)
        => log.Topics is { Length: > 0 } ? log.Topics[0]?.ToString()?.ToLowerInvariant() : null;

    private static LogLocation LocationOf(FilterLog log) => new(
        Checksum(log.Address), log.BlockNumber?.Value ?? 0, log.BlockHash, log.TransactionHash, log.LogIndex?.Value ?? 0);

    private static string Hex(byte[] bytes) => bytes.ToHex(prefix: true).ToLowerInvariant();

    private static string Checksum(string address) => AddressUtil.Current.ConvertToChecksumAddress(address);
}
