using System.Globalization;
using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Core.Ledger;
using OssFunding.Reports.ChainFacts;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;

namespace OssFunding.Reports.Verification;

/// <summary>
/// Re-reads each payment from the chain and compares it with what was recorded: the block at the recorded height still
/// has the recorded hash (not reorged away), the transaction's receipt exists, succeeded and sits in that block, and the
/// log at the recorded index is an ERC-20 Transfer of the recorded token, from the Safe, to the recipient, for the exact
/// amount. Needs only the chain, so it works on a published report as well as on the ledger.
/// </summary>
/// <remarks>An unreachable chain throws (from <c>ChainRpc</c>): that is a failure to verify, never a verdict.</remarks>
public sealed class PaymentVerifier(ChainReads chain)
{
    public async Task<VerificationResult> VerifyAsync(string safe, IReadOnlyList<VerificationTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var head = await chain.LatestAsync(cancellationToken);
        var verdicts = new List<PaymentVerdict>(targets.Count);
        foreach (var target in targets)
        {
            verdicts.Add(await CheckAsync(safe, target, head, cancellationToken));
        }

        return new VerificationResult(safe, head.Number, verdicts);
    }

    private async Task<PaymentVerdict> CheckAsync(string safe, VerificationTarget target, TimedBlock head, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (target.BlockNumber > head.Number)
        {
            problems.Add($"block {target.BlockNumber} is above the chain head {head.Number}");
        }
        else
        {
            var canonical = await chain.BlockAsync(target.BlockNumber, cancellationToken);
            if (!SameHex(canonical.Hash, target.BlockHash))
            {
                problems.Add($"block {target.BlockNumber} is now {canonical.Hash}, not the recorded {target.BlockHash}: the recorded block was reorged away");
            }
        }

        var receipt = await chain.ReceiptAsync(target.TxHash, cancellationToken);
        if (receipt is null)
        {
            problems.Add($"transaction {target.TxHash} is not on the chain");
            return new PaymentVerdict(target, problems, 0);
        }

        if (receipt.Status?.Value != BigInteger.One)
        {
            problems.Add($"transaction {target.TxHash} failed (receipt status {receipt.Status?.Value})");
        }

        if (!SameHex(receipt.BlockHash, target.BlockHash))
        {
            problems.Add($"transaction {target.TxHash} is in block {receipt.BlockNumber?.Value} ({receipt.BlockHash}), not the recorded {target.BlockNumber} ({target.BlockHash})");
        }

        problems.AddRange(CheckTransfer(safe, target, receipt));
        var confirmations = receipt.BlockNumber is null ? 0 : head.Number - (long)receipt.BlockNumber.Value + 1;
        return new PaymentVerdict(target, problems, Math.Max(confirmations, 0));
    }

    private static IEnumerable<string> CheckTransfer(string safe, VerificationTarget target, TransactionReceipt receipt)
    {
        var log = (receipt.Logs ?? []).FirstOrDefault(l => l.LogIndex?.Value == target.LogIndex);
        if (log is null)
        {
            yield return $"transaction {target.TxHash} has no log at index {target.LogIndex}";
            yield break;
        }

        var transfer = DecodeTransfer(log);
        if (transfer is null)
        {
            yield return $"log {target.LogIndex} of transaction {target.TxHash} is not an ERC-20 Transfer";
            yield break;
        }

        if (target.TokenAddress is null || target.Decimals is null)
        {
            yield return $"token {target.Token} is not configured: cannot compare it with contract {transfer.Token}";
            yield break;
        }

        if (!EthAddress.AreEqual(transfer.Token, target.TokenAddress))
        {
            yield return $"token on chain is {transfer.Token}, not {target.Token} ({target.TokenAddress})";
        }

        if (!EthAddress.AreEqual(transfer.From, safe))
        {
            yield return $"sender on chain is {transfer.From}, not the Safe {safe}";
        }

        if (!EthAddress.AreEqual(transfer.To, target.Recipient))
        {
            yield return $"recipient on chain is {transfer.To}, not {target.Recipient}";
        }

        var expected = BaseUnits(target.Amount, target.Decimals.Value);
        if (expected != transfer.Value)
        {
            yield return $"amount on chain is {TokenUnits(transfer.Value, target.Decimals.Value)} {target.Token} ({transfer.Value} base units), " +
                         $"not {ExactDecimal.ToCanonical(target.Amount)}";
        }
    }

    private static Erc20TransferEvent? DecodeTransfer(FilterLog log)
    {
        try
        {
            return SafeEventDecoder.TryDecodeTransfer(log);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Exact base units of a token amount; null when the amount has more decimals than the token.</summary>
    internal static BigInteger? BaseUnits(decimal amount, int decimals)
    {
        var canonical = ExactDecimal.ToCanonical(amount);
        if (amount < 0 || ExactDecimal.Decimals(canonical) > decimals)
        {
            return null;
        }

        var parts = canonical.Split('.');
        return BigInteger.Parse(parts[0] + (parts.Length == 2 ? parts[1] : "").PadRight(decimals, '0'), CultureInfo.InvariantCulture);
    }

    internal static string TokenUnits(BigInteger baseUnits, int decimals)
    {
        var digits = BigInteger.Abs(baseUnits).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var fraction = decimals == 0 ? "" : digits[^decimals..].TrimEnd('0');
        return fraction.Length == 0 ? digits[..^decimals] : $"{digits[..^decimals]}.{fraction}";
    }

    private static bool SameHex(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
