using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Storage;

/// <summary>One throwaway PostgreSQL cluster shared by every test class in this collection.</summary>
[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;
