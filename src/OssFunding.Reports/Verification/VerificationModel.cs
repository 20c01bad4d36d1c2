namespace OssFunding.Reports.Verification;

/// <summary>
/// One recorded payment to re-check on chain: what the ledger (or a published report) says happened. Token address and
/// decimals are null when the token symbol is not configured, which is itself a mismatch.
/// </summary>
public sealed record VerificationTarget(
    string PaymentId,
    string AllocationId,
    string Project,
    string Token,
    string? TokenAddress,
    int? Decimals,
    string Recipient,
    decimal Amount,
    string TxHash,
    long BlockNumber,
    string BlockHash,
    long LogIndex);

/// <param name="Problems">Empty when everything matches; otherwise one line per difference.</param>
/// <param name="Confirmations">Blocks from the payment's block to the head, both included (0 when not on chain).</param>
public sealed record PaymentVerdict(VerificationTarget Target, IReadOnlyList<string> Problems, long Confirmations)
{
    public bool Matches => Problems.Count == 0;
}

/// <summary>Verdicts of one run against the chain head at <see cref="HeadBlock"/>.</summary>
public sealed record VerificationResult(string Safe, long HeadBlock, IReadOnlyList<PaymentVerdict> Verdicts)
{
    public bool AllMatch => Verdicts.All(v => v.Matches);

    public int Mismatches => Verdicts.Count(v => !v.Matches);
}
