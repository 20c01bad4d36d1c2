using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace OssFunding.Pipeline.Testing;

/// <summary>
/// Crash-test hooks. When <c>Testing:FailPoint</c> names a point, reaching it logs "failpoint {Name} reached" and blocks
/// until the process is killed (or the token is cancelled), so a test can SIGKILL the real worker at exactly that line.
/// Off (empty) by default; every check is then a string comparison. Because an active failpoint hangs the worker on
/// purpose, the host refuses to start with one outside the Development environment (<see cref="FindProblems"/>).
/// </summary>
public sealed class FailPoints(IConfiguration configuration, ILogger<FailPoints> logger)
{
    public const string ConfigurationKey = "Testing:FailPoint";
    public const string AfterDraftPersisted = nameof(AfterDraftPersisted);
    public const string AfterSignatureAccepted = nameof(AfterSignatureAccepted);

    /// <summary>Reached after the signed execution is stored and before it is broadcast (crash tests of persist-before-publish).</summary>
    public const string BeforeExecutionBroadcast = nameof(BeforeExecutionBroadcast);
    public const string AfterExecutionSubmitted = nameof(AfterExecutionSubmitted);
    public const string InWatcherBatch = nameof(InWatcherBatch);

    /// <summary>Every failpoint the code reaches; a configured name outside this list is a typo that would never fire.</summary>
    public static readonly IReadOnlyList<string> All =
        [AfterDraftPersisted, AfterSignatureAccepted, BeforeExecutionBroadcast, AfterExecutionSubmitted, InWatcherBatch];

    private readonly string? active = configuration[ConfigurationKey] is { Length: > 0 } name ? name : null;

    public bool IsActive(string name) => string.Equals(active, name, StringComparison.Ordinal);

    /// <summary>
    /// Why a start with this <c>Testing:FailPoint</c> must be refused: set outside Development (one environment variable
    /// would otherwise hang a production worker silently), or a name no code reaches.
    /// </summary>
    public static IReadOnlyList<string> FindProblems(string? configured, string environmentName)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return [];
        }

        var problems = new List<string>();
        if (!string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{ConfigurationKey} is set to '{configured}' but the environment is '{environmentName}': failpoints hang "
                + "the worker on purpose and are allowed only with DOTNET_ENVIRONMENT=Development (crash tests). Remove the setting.");
        }

        if (!All.Contains(configured, StringComparer.Ordinal))
        {
            problems.Add($"{ConfigurationKey} '{configured}' is not a failpoint; known: {string.Join(", ", All)}.");
        }

        return problems;
    }

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
