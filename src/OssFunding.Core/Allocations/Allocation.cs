namespace OssFunding.Core.Allocations;

/// <summary>Allocation lifecycle (SPEC §5). Names are part of the API contract.</summary>
public enum AllocationStatus
{
    Approved,
    Queued,
    Paid,
    Cancelled,
    PaidOffChain,
}

/// <summary>An approved grant payment, as imported. Amounts are exact decimals in token units.</summary>
public sealed record Allocation(
    string Id,
    string Period,
    string Project,
    string Category,
    string Recipient,
    string Token,
    decimal Amount,
    string ApprovalRef,
    string Memo,
    decimal? FiatAmount,
    string? FiatCurrency,
    AllocationStatus Status,
    DateTimeOffset ImportedAt);
