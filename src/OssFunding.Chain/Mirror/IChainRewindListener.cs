using System.Data.Common;

namespace OssFunding.Chain.Mirror;

/// <summary>
/// Undoes state derived from mirrored blocks that a reorg removed. Called inside the database transaction that
/// deletes the mirror's rows above <paramref name="ancestorBlock"/> and moves the checkpoint back, so both commit
/// or neither does. Throwing rolls the whole rewind back (and fails the poll).
/// </summary>
public interface IChainRewindListener
{
    /// <param name="ancestorBlock">Highest block still canonical; everything recorded above it is gone.</param>
    Task OnRewoundAsync(long ancestorBlock, DbTransaction transaction, CancellationToken cancellationToken);
}
