using OssFunding.TestSupport;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>Every test class of this project shares one devnet and runs one at a time (each reverts its chain changes).</summary>
[CollectionDefinition(Name)]
public sealed class DevnetCollection : ICollectionFixture<DevnetWorlds>
{
    public const string Name = "Devnet with Safe 1.3.0 and 1.4.1";
}
