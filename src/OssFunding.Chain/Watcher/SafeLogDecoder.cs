using System.Globalization;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using OssFunding.Chain.Rpc;
using OssFunding.Safe.Contracts;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// Maps the Safe's logs and its executions' receipts to mirror rows, decoding with <see cref="SafeEventDecoder"/>
/// (both Safe versions). Module executions, which that decoder leaves out, are recognized here by topic.
/// </summary>
internal static class SafeLogDecoder
{
    private static readonly string ModuleSuccess = Keccak("ExecutionFromModuleSuccess(address)");
    private static readonly string ModuleFailure = Keccak("ExecutionFromModuleFailure(address)");

    public static SafeEventRow Decode(FilterLog log, string safe)
    {
        var topics = log.Topics.Select(topic => topic?.ToString()?.ToLowerInvariant() ?? "").ToArray();
        var row = new SafeEventRow(
            log.TransactionHash.ToLowerInvariant(), (long)log.LogIndex.Value, safe, (long)log.BlockNumber.Value,
            log.BlockHash.ToLowerInvariant(), SafeEventNames.Other, null, null, null, null, null, null, null,
            string.Join(',', topics), (log.Data ?? "0x").ToLowerInvariant());
        SafeEvent? decoded;
        try
        {
            decoded = SafeEventDecoder.TryDecode(log);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            // The Safe's own code cannot emit such a log: the answer is corrupt, not the chain.
            throw new BadRpcAnswerException(RpcMethods.GetLogs, "decoder",
                $"Safe log {row.TxHash}#{row.LogIndex} does not decode: {exception.Message}");
        }

        return decoded switch
        {
            SafeExecutionEvent e => row with
            {
                Event = e.Succeeded ? SafeEventNames.ExecutionSuccess : SafeEventNames.ExecutionFailure,
                SafeTxHash = e.SafeTxHash,
                Payment = e.Payment.ToString(CultureInfo.InvariantCulture),
            },
            SafeMultiSigTransactionLogged e => row with { Event = SafeEventNames.SafeMultiSigTransaction, Nonce = (long)e.Nonce },
            SafeHashApprovedEvent e => row with { Event = SafeEventNames.ApproveHash, ApprovedHash = e.ApprovedHash, Owner = e.Owner },
            SafeOwnerAddedEvent e => row with { Event = SafeEventNames.AddedOwner, Owner = e.Owner },
            SafeOwnerRemovedEvent e => row with { Event = SafeEventNames.RemovedOwner, Owner = e.Owner },
            SafeThresholdChangedEvent e => row with { Event = SafeEventNames.ChangedThreshold, Threshold = (long)e.Threshold },
            _ when topics.Length == 2 && topics[0] == ModuleSuccess =>
                row with { Event = SafeEventNames.ExecutionFromModuleSuccess, Module = TopicAddress(topics[1]) },
            _ when topics.Length == 2 && topics[0] == ModuleFailure =>
                row with { Event = SafeEventNames.ExecutionFromModuleFailure, Module = TopicAddress(topics[1]) },
            _ => row,
        };
    }

    /// <summary>
    /// The ERC-20 Transfer logs with from = <paramref name="safe"/> among <paramref name="logs"/> (one receipt's, or a
    /// filtered range's), each tied to the first Safe execution event after it in the transaction (the Safe emits that
    /// event once its call has returned); none when <paramref name="executionLogIndexes"/> is empty.
    /// </summary>
    public static IReadOnlyList<TransferRow> TransfersFromSafe(
        IEnumerable<FilterLog> logs, string safe, IReadOnlyCollection<long> executionLogIndexes)
    {
        var rows = new List<TransferRow>();
        foreach (var transfer in SafeEventDecoder.DecodeTransfers(logs))
        {
            if (!string.Equals(transfer.From, safe, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var logIndex = (long)transfer.Location.LogIndex;
            long? execution = executionLogIndexes.Where(index => index > logIndex).Select(index => (long?)index).Min();
            rows.Add(new TransferRow(
                transfer.Location.TransactionHash.ToLowerInvariant(), logIndex, safe, (long)transfer.Location.BlockNumber,
                transfer.Location.BlockHash.ToLowerInvariant(), transfer.Token, transfer.From, transfer.To,
                transfer.Value.ToString(CultureInfo.InvariantCulture), execution));
        }

        return rows;
    }

    private static string TopicAddress(string topic) =>
        AddressUtil.Current.ConvertToChecksumAddress("0x" + topic[^40..]);

    private static string Keccak(string signature) => "0x" + Sha3Keccack.Current.CalculateHash(signature).ToLowerInvariant();
}
