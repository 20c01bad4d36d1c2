using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Signatures;

/// <summary>
/// Everything a signature is checked against: the Safe transaction (its hash and encoded data), the Safe's
/// current owners, threshold and version (which decides how contract owners are asked), and the account that will submit <c>execTransaction</c> (msg.sender), which
/// the Safe treats as having approved the hash.
/// </summary>
public sealed class SignatureCheckContext
{
    private readonly HashSet<string> owners;

    public SignatureCheckContext(
        SafeDomain domain, SafeTransaction transaction, IEnumerable<string> owners, int threshold, SafeVersion version,
        string? executor = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        Domain = domain;
        Transaction = transaction;
        Hashes = SafeTxHasher.Hash(domain, transaction);
        this.owners = new HashSet<string>(owners.Select(o => EthAddress.Normalize(o, nameof(owners))), StringComparer.OrdinalIgnoreCase);
        if (threshold > this.owners.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"Threshold exceeds the {this.owners.Count} owners.");
        }

        Threshold = threshold;
        Version = version;
        Executor = executor is null ? null : EthAddress.Normalize(executor, nameof(executor));
    }

    public SafeDomain Domain { get; }

    public SafeTransaction Transaction { get; }

    public SafeTxHashes Hashes { get; }

    public IReadOnlyCollection<string> Owners => owners;

    public int Threshold { get; }

    public SafeVersion Version { get; }

    public string? Executor { get; }

    public string SafeAddress => Domain.SafeAddress;

    public bool IsOwner(string address) => owners.Contains(address);
}
