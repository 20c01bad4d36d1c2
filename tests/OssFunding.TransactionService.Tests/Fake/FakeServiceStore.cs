namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>A confirmation as the service stores it: one per (safeTxHash, owner).</summary>
internal sealed record StoredConfirmation(string Owner, string Signature, string SignatureType, DateTimeOffset SubmissionDate);

/// <summary>A proposed multisig transaction.</summary>
internal sealed class StoredTransaction(string safe, ProposalFields fields, string proposer, string? proposedByDelegate, bool trusted, DateTimeOffset submitted)
{
    public string Safe { get; } = safe;

    public ProposalFields Fields { get; } = fields;

    public string SafeTxHash => Fields.ContractTransactionHash;

    public string Proposer { get; } = proposer;

    public string? ProposedByDelegate { get; } = proposedByDelegate;

    public bool Trusted { get; set; } = trusted;

    public DateTimeOffset Submitted { get; } = submitted;

    public List<StoredConfirmation> Confirmations { get; } = [];
}

/// <summary>A delegation: <see cref="Delegate"/> may propose for <see cref="Delegator"/> on <see cref="Safe"/> (null: every Safe of the delegator).</summary>
internal sealed record StoredDelegate(string? Safe, string Delegate, string Delegator, string Label);

/// <summary>The fake's database: transactions by SafeTx hash, delegates per Safe. Every access under one lock.</summary>
internal sealed class FakeServiceStore
{
    private readonly Dictionary<string, StoredTransaction> transactions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StoredDelegate> delegates = [];

    public object Gate { get; } = new();

    /// <summary>update_or_create on (safe, delegate, delegator): a second registration only changes the label.</summary>
    public void AddDelegate(string? safe, string delegateAddress, string delegator, string label)
    {
        lock (Gate)
        {
            delegates.RemoveAll(d => string.Equals(d.Safe, safe, StringComparison.OrdinalIgnoreCase)
                                     && string.Equals(d.Delegate, delegateAddress, StringComparison.OrdinalIgnoreCase)
                                     && string.Equals(d.Delegator, delegator, StringComparison.OrdinalIgnoreCase));
            delegates.Add(new StoredDelegate(safe, delegateAddress, delegator, label));
        }
    }

    public IReadOnlyList<StoredDelegate> Delegates()
    {
        lock (Gate)
        {
            return [.. delegates];
        }
    }

    /// <summary>Delegates of <paramref name="safe"/> whose delegator is a current owner, with their delegator.</summary>
    public IReadOnlyDictionary<string, string> DelegatesOf(string safe, IReadOnlyCollection<string> owners)
    {
        lock (Gate)
        {
            return delegates
                .Where(d => (d.Safe is null || string.Equals(d.Safe, safe, StringComparison.OrdinalIgnoreCase))
                            && owners.Contains(d.Delegator, StringComparer.OrdinalIgnoreCase))
                .GroupBy(d => d.Delegate, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Delegator, StringComparer.OrdinalIgnoreCase);
        }
    }

    public StoredTransaction? Find(string safeTxHash)
    {
        lock (Gate)
        {
            return transactions.GetValueOrDefault(safeTxHash);
        }
    }

    /// <summary>The stored transaction with this hash, created from <paramref name="create"/> when new (get_or_create).</summary>
    public StoredTransaction GetOrAdd(string safeTxHash, Func<StoredTransaction> create)
    {
        lock (Gate)
        {
            if (!transactions.TryGetValue(safeTxHash, out var existing))
            {
                existing = create();
                transactions[safeTxHash] = existing;
            }

            return existing;
        }
    }

    /// <summary>Adds a confirmation unless this owner already has one (the service keeps the first).</summary>
    public void Confirm(StoredTransaction transaction, StoredConfirmation confirmation)
    {
        lock (Gate)
        {
            if (!transaction.Confirmations.Any(c => string.Equals(c.Owner, confirmation.Owner, StringComparison.OrdinalIgnoreCase)))
            {
                transaction.Confirmations.Add(confirmation);
            }
        }
    }

    public IReadOnlyList<StoredTransaction> OfSafe(string safe)
    {
        lock (Gate)
        {
            return transactions.Values.Where(t => string.Equals(t.Safe, safe, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    public IReadOnlyList<StoredConfirmation> ConfirmationsOf(string safeTxHash)
    {
        lock (Gate)
        {
            return transactions.TryGetValue(safeTxHash, out var transaction) ? [.. transaction.Confirmations] : [];
        }
    }
}
