using OssFunding.Core.Allocations;

namespace OssFunding.Core.Projects;

/// <summary>A registered recipient: the project's wallet and the public proof that the project owns it.</summary>
public sealed record Project(string Name, string Recipient, string ProofUrl, DateOnly EffectiveFrom);

/// <summary>Project registry (SPEC §4). Import is atomic and idempotent like allocations.</summary>
public interface IProjectRegistry
{
    Task<ImportOutcome> ImportAsync(Stream csv, bool dryRun, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListAsync(CancellationToken cancellationToken);
}
