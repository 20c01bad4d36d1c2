using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Tests.Support;
using OssFunding.Chain.Watcher;
using OssFunding.Core;
using OssFunding.Safe.MultiSend;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>The watcher as the host wires it: configuration keys of SPEC §3, AddLedger + AddChainWatcher.</summary>
public sealed class WiringTests
{
    [Fact]
    public async Task AddChainWatcher_builds_a_watcher_from_configuration_that_mirrors_and_reports_its_position()
    {
        await using var bed = await ChainTestbed.StartAsync();
        using var sqlite = new TempSqliteDatabase();
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Usdc.Address, "0x00000000000000000000000000000000000A11cE", 42));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = sqlite.ConnectionString,
            ["Safe:Address"] = bed.World.SafeAddress.ToLowerInvariant(),
            ["Chain:ChainId"] = "42161",
            ["Chain:RpcUrls:0"] = bed.Proxy.Url,
            ["Chain:Finality"] = "Confirmations",
            ["Chain:Confirmations"] = "2",
            ["Chain:MaxBlockRange"] = "7",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddLedger(configuration).AddChainWatcher(configuration)
            .AddSingleton<IChainRewindListener>(bed.Listener);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<OssFunding.Core.Storage.ILedgerMigrator>().MigrateAsync(CancellationToken.None);

        var watcher = provider.GetRequiredService<ChainWatcher>();
        var result = await watcher.PollAsync(CancellationToken.None);
        var position = await provider.GetRequiredService<ChainMirrorReader>().GetPositionAsync(CancellationToken.None);

        var head = await bed.HeadAsync();
        Assert.Equal(bed.World.SafeAddress, watcher.Safe);
        Assert.Equal(new ChainPosition(head, head, head - 2), position);
        Assert.Equal(0, position!.Lag);
        Assert.Equal(result.Position, position);
        Assert.Equal((int)Math.Ceiling((head + 1) / 7.0), result.Ranges);
        var execution = Assert.Single(await provider.GetRequiredService<ChainMirrorReader>().GetExecutionsAsync(0, CancellationToken.None));
        MirrorAssert.TransfersMatchReceipt(execution, paid, bed.World.SafeAddress);
    }

    [Fact]
    public void A_safe_address_that_is_not_an_address_is_refused_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = "Data Source=:memory:",
            ["Safe:Address"] = "0x1234",
            ["Chain:RpcUrls:0"] = "http://127.0.0.1:1",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddLedger(configuration).AddChainWatcher(configuration).BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<ChainWatcher>());

        Assert.Contains("Safe:Address '0x1234'", error.Message, StringComparison.Ordinal);
    }
}
