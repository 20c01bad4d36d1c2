using Microsoft.Extensions.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// One convention for secrets kept in files (Docker/Kubernetes secrets, systemd credentials): any secret setting
/// <c>X</c> may instead be given as <c>XFile</c>, a path (<c>Api:AdminTokenFile=/run/secrets/admin_token</c>, or from
/// the environment <c>Api__AdminTokenFile=…</c>). The file is read once, when the configuration is built, its
/// trailing newline dropped, and its content becomes the value of <c>X</c>. The content is never logged or echoed;
/// a file that cannot be read is a configuration problem naming the key and the path, and the worker does not start.
/// The executor and proposer keys already have their own file settings (<c>Execution:ExecutorKeyFile</c>,
/// <c>Signing:ProposerKeyFile</c>), read by the component that signs with them.
/// </summary>
internal static class SecretFiles
{
    public const string Suffix = "File";

    /// <summary>The settings that may come from a file: every credential the worker holds as a value.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "Api:AdminToken",
        "Api:ReadToken",
        "Signing:ApiKey",
        "Storage:ConnectionString",
        "Notifications:Webhook:Secret",
        "Notifications:Slack:WebhookUrl",
        "Notifications:Discord:WebhookUrl",
        "Notifications:Telegram:BotToken",
        "Notifications:Email:Password",
    ];

    /// <summary>
    /// Added last. <paramref name="shippedDefaults"/> is the appsettings.json shipped with the binary: a file replaces
    /// its default (e.g. the SQLite connection string), but a value the operator set as well is a conflict.
    /// </summary>
    public static IConfigurationBuilder AddSecretFiles(this IConfigurationBuilder configuration, IConfigurationSource? shippedDefaults)
    {
        configuration.Add(new SecretFileSource(configuration.Sources.ToList(), shippedDefaults));
        return configuration;
    }

    /// <summary>The problems found while reading the files (one line each), for the start-up validation.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration) =>
        configuration is IConfigurationRoot root
            ? root.Providers.OfType<SecretFileProvider>().SelectMany(provider => provider.Problems).ToList()
            : [];

    private sealed class SecretFileSource(IReadOnlyList<IConfigurationSource> lower, IConfigurationSource? shipped) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new SecretFileProvider(lower, shipped);
    }

    internal sealed class SecretFileProvider(IReadOnlyList<IConfigurationSource> lower, IConfigurationSource? shipped) : ConfigurationProvider
    {
        private readonly List<string> _problems = [];

        public IReadOnlyList<string> Problems => _problems;

        public override void Load()
        {
            var below = new ConfigurationBuilder();
            foreach (IConfigurationSource source in lower)
            {
                below.Add(source);
            }

            IConfigurationRoot values = below.Build();
            IConfigurationRoot defaults = shipped is null ? new ConfigurationBuilder().Build() : new ConfigurationBuilder().Add(shipped).Build();
            _problems.Clear();
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (string key in Keys)
            {
                if (Read(key, values, defaults) is { } secret)
                {
                    data[key] = secret;
                }
            }

            Data = data;
        }

        private string? Read(string key, IConfiguration values, IConfiguration defaults)
        {
            string fileKey = key + Suffix;
            string? path = values[fileKey];
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            if (!string.IsNullOrEmpty(values[key]) && !string.Equals(values[key], defaults[key], StringComparison.Ordinal))
            {
                _problems.Add($"{fileKey}: set either {key} or {fileKey}, not both (was \"{path}\")");
                return null;
            }

            string content;
            try
            {
                content = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                _problems.Add($"{fileKey}: cannot read the secret file ({Reason(e)}) (was \"{path}\")");
                return null;
            }

            string secret = content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2]
                : content.EndsWith('\n') ? content[..^1]
                : content;
            if (secret.Length == 0)
            {
                _problems.Add($"{fileKey}: the secret file is empty (was \"{path}\")");
                return null;
            }

            return secret;
        }

        private static string Reason(Exception e) => e switch
        {
            FileNotFoundException or DirectoryNotFoundException => "file not found",
            UnauthorizedAccessException => "permission denied",
            _ => "unreadable",
        };
    }
}
