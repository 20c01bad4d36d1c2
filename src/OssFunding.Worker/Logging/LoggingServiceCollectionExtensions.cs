using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using OssFunding.Worker.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace OssFunding.Worker.Logging;

/// <summary>Where log events go: the worker logs to stdout; CLI commands keep stdout for their own output.</summary>
internal enum LogDestination
{
    StandardOutput,
    StandardError,
}

internal static class LoggingServiceCollectionExtensions
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog from the standard <c>Serilog</c> section (levels, enrichers, extra sinks). When that section names no
    /// sink, one console sink is added in the format of <c>Logging:Format</c>. Nothing here logs configuration values.
    /// </summary>
    public static IServiceCollection AddWorkerLogging(this IServiceCollection services, IConfiguration configuration, LogDestination destination)
    {
        services.AddSerilog((_, logger) => Configure(logger, configuration, destination));
        services.AddSingleton(new OptionsProbe("Serilog", _ => SerilogSectionProblem(configuration) is { } problem ? [problem] : []));
        return services;
    }

    private static void Configure(LoggerConfiguration logger, IConfiguration configuration, LogDestination destination)
    {
        // A broken Serilog section must not crash the start before the validation can report it: it is skipped here,
        // and the probe above turns it into a configuration problem (exit 1).
        bool usable = SerilogSectionProblem(configuration) is null;
        if (usable)
        {
            logger.ReadFrom.Configuration(configuration);
        }

        logger.Enrich.FromLogContext();
        logger.Enrich.With<UrlMaskingEnricher>();
        if (usable && configuration.GetSection("Serilog:WriteTo").Exists())
        {
            return;
        }

        LogEventLevel? toStandardErrorFrom = destination == LogDestination.StandardError ? LogEventLevel.Verbose : null;
        if (FormatOf(configuration) == LogFormat.Json)
        {
            logger.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: toStandardErrorFrom);
        }
        else
        {
            logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: toStandardErrorFrom);
        }
    }

    private static string? SerilogSectionProblem(IConfiguration configuration)
    {
        try
        {
            using Logger probe = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
            return null;
        }
        catch (Exception e)
        {
            return $"Serilog: {e.Message}";
        }
    }

    /// <summary>An unreadable value falls back to text here; the options validation reports it.</summary>
    private static LogFormat FormatOf(IConfiguration configuration) =>
        Enum.TryParse(configuration[$"{LogFormatOptions.Section}:Format"], ignoreCase: true, out LogFormat format) ? format : LogFormat.Text;
}
