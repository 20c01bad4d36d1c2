using System.Text;
using OssFunding.Core.Ledger;

namespace OssFunding.Reports.Verification;

/// <summary>The text <c>verify</c> prints: one verdict line per payment (with every difference), then a summary.</summary>
public static class VerificationText
{
    public static string Format(string subject, VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append($"verify {subject}: {result.Verdicts.Count} on-chain payment(s) of Safe {result.Safe}, checked against chain head {result.HeadBlock}\n");
        foreach (var verdict in result.Verdicts)
        {
            var t = verdict.Target;
            var what = $"{t.AllocationId} ({t.Project}): {ExactDecimal.ToCanonical(t.Amount)} {t.Token} to {t.Recipient}, tx {t.TxHash} log {t.LogIndex}, block {t.BlockNumber}";
            if (verdict.Matches)
            {
                text.Append($"OK        {what} ({verdict.Confirmations} confirmations)\n");
                continue;
            }

            text.Append($"MISMATCH  {what}\n");
            foreach (var problem in verdict.Problems)
            {
                text.Append($"          - {problem}\n");
            }
        }

        text.Append(result.AllMatch
            ? $"Summary: all {result.Verdicts.Count} payment(s) match the chain.\n"
            : $"Summary: {result.Mismatches} of {result.Verdicts.Count} payment(s) do NOT match the chain: {string.Join(", ", result.Verdicts.Where(v => !v.Matches).Select(v => v.Target.AllocationId))}.\n");
        return text.ToString();
    }
}
