namespace OssFunding.Chain.Rpc;

/// <summary>The part of a block header the watcher needs: where it is and what it builds on.</summary>
public sealed record ChainBlock(long Number, string Hash, string ParentHash);
