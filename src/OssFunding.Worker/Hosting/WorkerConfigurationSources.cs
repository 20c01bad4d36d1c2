using Microsoft.Extensions.Configuration;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Logging;

namespace OssFunding.Worker.Hosting;

internal static class WorkerConfigurationSources
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Lowest to highest precedence: appsettings.json next to the binary (the shipped defaults), appsettings.json in
    /// the content root (the operator's file), <c>OSSFUNDING_LOG_FORMAT</c>, environment variables
    /// (<c>Section__Key</c>), then <c>--Section:Key=value</c> arguments; last the secrets those name as files
    /// (<see cref="SecretFiles"/>).
    /// </summary>
    public static IConfigurationBuilder AddWorkerSources(this IConfigurationBuilder configuration, string contentRoot, IReadOnlyList<string> overrides)
    {
        configuration.Sources.Clear();
        string shipped = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, FileName));
        string local = Path.GetFullPath(Path.Combine(contentRoot, FileName));
        configuration.AddJsonFile(shipped, optional: true, reloadOnChange: false);
        IConfigurationSource shippedDefaults = configuration.Sources[^1];
        if (!string.Equals(shipped, local, StringComparison.Ordinal))
        {
            configuration.AddJsonFile(local, optional: true, reloadOnChange: false);
        }

        string? logFormat = Environment.GetEnvironmentVariable(LogFormatOptions.EnvironmentVariable);
        if (!string.IsNullOrEmpty(logFormat))
        {
            configuration.AddInMemoryCollection([new($"{LogFormatOptions.Section}:Format", logFormat)]);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(overrides.ToArray());
        configuration.AddSecretFiles(shippedDefaults);
        return configuration;
    }

    /// <summary>For commands that only need a setting or two and no services (e.g. <c>healthcheck</c>).</summary>
    public static IConfigurationRoot Load(IReadOnlyList<string> overrides) =>
        new ConfigurationBuilder().AddWorkerSources(Directory.GetCurrentDirectory(), overrides).Build();
}
