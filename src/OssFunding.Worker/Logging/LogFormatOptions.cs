using Microsoft.Extensions.Options;
using OssFunding.Worker.Configuration;

namespace OssFunding.Worker.Logging;

public enum LogFormat
{
    /// <summary>Readable lines, for a terminal.</summary>
    Text,
    /// <summary>Compact JSON (CLEF), one event per line, for a container's log collector.</summary>
    Json,
}

/// <summary><c>Logging:Format</c>; the environment variable <c>OSSFUNDING_LOG_FORMAT</c> is a shorthand for it.</summary>
public sealed class LogFormatOptions
{
    public const string Section = "Logging";

    public const string EnvironmentVariable = "OSSFUNDING_LOG_FORMAT";

    public LogFormat Format { get; set; } = LogFormat.Text;
}

internal sealed class LogFormatOptionsValidator : IValidateOptions<LogFormatOptions>
{
    public ValidateOptionsResult Validate(string? name, LogFormatOptions options)
    {
        var problems = new ConfigProblems();
        if (!Enum.IsDefined(options.Format))
        {
            problems.Add("Logging:Format", "must be Text or Json", options.Format.ToString());
        }

        return problems.ToResult();
    }
}
