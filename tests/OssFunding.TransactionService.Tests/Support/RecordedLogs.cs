using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>Keeps every log line of a harness at Information or above, so tests can assert what operators would read.</summary>
internal sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. lines];

    public IEnumerable<string> AtLeast(LogLevel level) => Lines.Where(l => l.Level >= level).Select(l => l.Message);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.lines.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
