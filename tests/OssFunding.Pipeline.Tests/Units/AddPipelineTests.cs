using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Testing;
using OssFunding.Pipeline.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Units;

public sealed class AddPipelineTests
{
    [Fact]
    public void Every_entry_point_resolves_and_the_rewind_hook_is_registered_once()
    {
        var settings = LedgerTestHost.DefaultSettings(StorageProvider.Sqlite, "Data Source=unused.db");
        settings["Chain:RpcUrls:0"] = "http://127.0.0.1:1";
        settings["Safe:MultiSendCallOnly"] = TestAddresses.Recipient(9);
        settings["Testing:FailPoint"] = FailPoints.AfterDraftPersisted;
        var services = new ServiceCollection()
            .AddPipeline(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddPipeline(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);

        Assert.NotNull(services.GetRequiredService<Drafter>());
        Assert.NotNull(services.GetRequiredService<SignatureCollector>());
        Assert.NotNull(services.GetRequiredService<LocalSigner>());
        Assert.NotNull(services.GetRequiredService<Confirmer>());
        Assert.NotNull(services.GetRequiredService<TransactionQueries>());
        Assert.NotNull(services.GetRequiredService<NoticeQueries>());
        var listener = Assert.Single(services.GetServices<IChainRewindListener>());
        Assert.Same(services.GetRequiredService<PipelineRewindListener>(), listener);
        Assert.True(services.GetRequiredService<FailPoints>().IsActive(FailPoints.AfterDraftPersisted));
        Assert.False(services.GetRequiredService<FailPoints>().IsActive(FailPoints.AfterSignatureAccepted));
    }
}
