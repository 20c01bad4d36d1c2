namespace OssFunding.Chain.Mirror;

/// <summary>
/// The last block the watcher has fully mirrored. <see cref="Hash"/> is null only between the ranges of a poll that was
/// interrupted: the next poll then verifies against the newest stored block hash below it.
/// </summary>
internal sealed record ChainCheckpoint(long Number, string? Hash, long Head, long Final);

/// <summary>A block whose hash the mirror stored.</summary>
internal sealed record KnownBlock(long Number, string Hash);
