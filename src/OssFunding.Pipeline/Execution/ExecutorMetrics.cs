using Prometheus;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// Prometheus series of the executor. <see cref="Publish"/> is called at start in every replica, also where the
/// executor is off, so dashboards and alert rules find the family (at 0) instead of an absent one.
/// </summary>
public static class ExecutorMetrics
{
    internal static readonly Counter Submissions = Metrics.CreateCounter(
        "ossfunding_executor_submissions_total", "execTransaction submissions by the executor, by outcome (accepted, refused, blocked, replaced: a fee replacement stored and sent).", "outcome");

    /// <summary>Creates the family and its outcome series at 0, so <c>rate()</c> works from the first scrape.</summary>
    public static void Publish()
    {
        foreach (var outcome in new[] { "accepted", "refused", "blocked", "replaced" })
        {
            Submissions.WithLabels(outcome);
        }
    }
}
