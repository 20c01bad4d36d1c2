using Microsoft.Extensions.Logging;
using Quartz;

namespace OssFunding.Worker.Jobs;

/// <summary>
/// The frame of every job run: a log scope with the job's name and run id, a step that finishes on SIGTERM (its token
/// is cancelled only <see cref="ShutdownGrace"/> after the scheduler's), and errors logged rather than thrown, since
/// every step is idempotent and simply runs again at its next trigger.
/// </summary>
internal static class JobRun
{
    /// <summary>Less than the host's shutdown timeout, so a step that hangs on a dead RPC still ends before the host gives up.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(6);

    public static async ValueTask RunAsync(
        IJobExecutionContext context, ILogger logger, Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Job"] = name, ["JobRunId"] = context.FireInstanceId });
        using var stepToken = new CancellationTokenSource();
        using var onShutdown = cancellationToken.Register(() => stepToken.CancelAfter(ShutdownGrace));
        // Debug level: with several replicas these two lines show which node ran each step, and when.
        logger.LogDebug("Job {Job} run {JobRunId} started", name, context.FireInstanceId);
        try
        {
            await step(stepToken.Token);
        }
        catch (OperationCanceledException) when (stepToken.IsCancellationRequested)
        {
            logger.LogWarning("Job {Job} was stopped by the shutdown after {Grace}; its step runs again after the restart", name, ShutdownGrace);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Job {Job} failed: {Error}; it runs again at its next trigger", name, exception.Message);
        }
        finally
        {
            logger.LogDebug("Job {Job} run {JobRunId} finished", name, context.FireInstanceId);
        }
    }
}
