using System.CommandLine;
using Microsoft.Extensions.Configuration;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Hosting;

namespace OssFunding.Worker.Cli;

/// <summary>
/// <c>healthcheck</c>: GET /health/live on the local port of the first <c>Api:Urls</c> entry. Exit 0 when it answers
/// 200, 1 otherwise. It is the container's HEALTHCHECK, so it reads only configuration and starts no services.
/// </summary>
internal static class HealthcheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void AddTo(RootCommand root)
    {
        var healthcheck = new Command("healthcheck", "Ask the running worker on this machine whether it is alive (exit 0) or not (exit 1).");
        healthcheck.SetAction(CheckAsync);
        root.Subcommands.Add(healthcheck);
    }

    private static async Task<int> CheckAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (CommandRunner.ReadOverrides(parseResult) is not { } overrides)
        {
            return ExitCodes.BadInput;
        }

        IConfigurationRoot configuration = WorkerConfigurationSources.Load(overrides);
        string urls = configuration[$"{ApiOptions.Section}:Urls"] ?? new ApiOptions().Urls;
        if (LivenessUrl(urls) is not { } url)
        {
            await Console.Error.WriteLineAsync($"unhealthy: Api:Urls has no absolute http URL (was \"{urls}\")");
            return ExitCodes.BadInput;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using HttpResponseMessage response = await client.GetAsync(url, cancellationToken);
            Console.WriteLine($"{(response.IsSuccessStatusCode ? "healthy" : "unhealthy")}: {url} answered {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? ExitCodes.Done : ExitCodes.BadInput;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {url}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>A wildcard listen address (0.0.0.0, [::], +, *) is reached on loopback.</summary>
    internal static Uri? LivenessUrl(string urls)
    {
        string? first = ApiUrls.Split(urls).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        string normalized = first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out Uri? listen) || listen.Scheme is not ("http" or "https"))
        {
            return null;
        }

        string host = listen.Host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : listen.Host;
        return new UriBuilder(listen.Scheme, host, listen.Port, "/health/live").Uri;
    }
}
