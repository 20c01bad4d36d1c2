using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Notifications.Tests.Support;

/// <summary>Renders notices without a database: the pipeline's payload builder and the document builder, configured as in production.</summary>
internal static class Documents
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ServiceProvider> Services = new(() => Create(new Dictionary<string, string?>
    {
        ["Notifications:PublicBaseUrl"] = "https://funding.example.org",
        ["Signing:Mode"] = "TransactionService", // the samples show both signing links
    }));

    /// <summary>The renderers on the sample signers and chain 42161 with <paramref name="overrides"/> (a null value unsets).</summary>
    public static ServiceProvider Create(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = SampleNotices.SignerSettings();
        settings["Chain:ChainId"] = "42161";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddOptions<ChainOptions>().Bind(configuration.GetSection(ChainOptions.Section));
        collection.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section));
        collection.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section));
        collection.AddSingleton<NoticePayloads>();
        collection.AddSingleton<SignerDirectory>();
        collection.AddSingleton<NoticeDocumentBuilder>();
        return collection.BuildServiceProvider();
    }

    public static SignerDirectory Signers => Services.Value.GetRequiredService<SignerDirectory>();

    public static NoticeDocument ForTransaction(NoticeKind kind, TransactionView view, string summary) =>
        ForTransaction(Services.Value, kind, view, summary);

    public static NoticeDocument ForTransaction(IServiceProvider services, NoticeKind kind, TransactionView view, string summary)
    {
        var payload = services.GetRequiredService<NoticePayloads>().ForTransaction(view, summary);
        payload["kind"] = kind.ToString();
        return services.GetRequiredService<NoticeDocumentBuilder>().Build(
            new NoticeRecord("0f1e2d3c4b5a69788796a5b4c3d2e1f0", 42, kind, view.SafeTxHash, CreatedAt, payload));
    }

    public static NoticeDocument Build(NoticeRecord record) => Services.Value.GetRequiredService<NoticeDocumentBuilder>().Build(record);

    public static IOptions<NotificationsOptions> Options => Services.Value.GetRequiredService<IOptions<NotificationsOptions>>();
}
