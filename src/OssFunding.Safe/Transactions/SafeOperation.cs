namespace OssFunding.Safe.Transactions;

/// <summary>The Safe's <c>Enum.Operation</c>: how the Safe calls <see cref="SafeTransaction.To"/>.</summary>
public enum SafeOperation : byte
{
    Call = 0,
    DelegateCall = 1,
}
