namespace OssFunding.Reports.Model;

/// <summary>Where a report's figures can be checked: the chain, its explorer, the Safe and the token contracts.</summary>
public sealed record ReportChain(long ChainId, string ExplorerUrl, string Safe, IReadOnlyList<ReportToken> Tokens)
{
    public string TransactionUrl(string txHash) => $"{ExplorerUrl.TrimEnd('/')}/tx/{txHash}";

    public string AddressUrl(string address) => $"{ExplorerUrl.TrimEnd('/')}/address/{address}";
}

/// <summary>A configured token: its symbol in the ledger, its contract and the decimals of its base units.</summary>
public sealed record ReportToken(string Symbol, string Address, int Decimals);

/// <summary>Outcome of the last <c>verify</c> of a payment, as recorded in the ledger.</summary>
public static class VerificationStatus
{
    /// <summary>Re-read from the chain and matched: receipt, Transfer log, canonical block.</summary>
    public const string Verified = "Verified";

    /// <summary>Re-read from the chain and did not match; <c>detail</c> says what differs.</summary>
    public const string Mismatch = "Mismatch";

    /// <summary>Recorded by the confirmer from a final Transfer log, not re-checked by <c>verify</c> since.</summary>
    public const string Unchecked = "Unchecked";
}

/// <param name="CheckedAtBlock">Chain head when it was checked; null when never checked.</param>
public sealed record PaymentVerification(string Status, string? Detail, long? CheckedAtBlock);

/// <summary>How many on-chain payments the report covers and what <c>verify</c> last said about them.</summary>
public sealed record VerificationSummary(int OnChainPayments, int Verified, int Mismatch, int Unchecked);
