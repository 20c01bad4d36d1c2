using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace OssFunding.Notifications.Tests.Support;

/// <summary>Reads a sample from the Prometheus exposition text, as a scraper would.</summary>
internal static class Metrics
{
    public static async Task<double> ValueAsync(string name, string labels)
    {
        using var stream = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        var prefix = $"{name}{{{labels}}} ";
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    public static T GetRequiredServiceOf<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
