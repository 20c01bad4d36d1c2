using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace OssFunding.Pipeline.Testing;

/// <summary>
/// Crash-test hooks. When <c>Testing:FailPoint</c> names a point, reaching it logs "failpoint {Name} reached" and blocks
/// until the process is killed (or the token is cancelled), so a test can SIGKILL the real worker at exactly that line.
/// Off (empty) by default; every check is then a string comparison.
/// </summary>
public sealed class FailPoints(IConfiguration configuration, ILogger<FailPoints> logger)
{
    public const string ConfigurationKey = "Testing:FailPoint";
    public const string AfterDraftPersisted = nameof(AfterDraftPersisted);
    public const string AfterSignatureAccepted = nameof(AfterSignatureAccepted);
    public const string AfterExecutionSubmitted = nameof(AfterExecutionSubmitted);
    public const string InWatcherBatch = nameof(InWatcherBatch);

    private readonly string? active = configuration[ConfigurationKey] is { Length: > 0 } name ? name : null;

    public bool IsActive(string name) => string.Equals(active, name, StringComparison.Ordinal);

    /// <summary>Blocks forever at <paramref name="name"/> when it is the configured failpoint; returns at once otherwise.</summary>
    public async Task ReachAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsActive(name))
        {
            return;
        }

        logger.LogWarning("failpoint {Name} reached", name);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
