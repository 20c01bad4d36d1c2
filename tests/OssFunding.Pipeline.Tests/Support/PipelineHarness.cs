using System.Numerics;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Devnet;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Execution;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Support;

/// <summary>
/// One test's pipeline, wired with <see cref="PipelineServiceCollectionExtensions.AddPipeline"/> as the host wires it, on a
/// fresh ledger (SQLite file or a PostgreSQL database) against a shared devnet. The chain is reverted to where it was on
/// dispose. The clock stands in June 2025, inside the configured 2025 budget cycle.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const int Confirmations = 5;
    private const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    private readonly DevnetSnapshot snapshot;
    private readonly TempSqliteDatabase? sqlite;
    private readonly Dictionary<string, string?> settings;
    private readonly List<ServiceProvider> peers = [];
    private readonly List<string> ownedFiles = [];

    private PipelineHarness(DevnetWorld world, DevnetSnapshot snapshot, TempSqliteDatabase? sqlite, Dictionary<string, string?> settings, FakeTimeProvider clock)
    {
        World = world;
        this.snapshot = snapshot;
        this.sqlite = sqlite;
        this.settings = settings;
        Clock = clock;
        Services = Build(settings, clock);
    }

    public DevnetWorld World { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public Drafter Drafter => Get<Drafter>();

    public SignatureCollector Collector => Get<SignatureCollector>();

    public LocalSigner Signer => Get<LocalSigner>();

    public TransactionQueries Queries => Get<TransactionQueries>();

    public NoticeQueries Notices => Get<NoticeQueries>();

    public LedgerDatabase Database => Get<LedgerDatabase>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<PipelineHarness> StartAsync(
        DevnetWorlds devnet, SafeVersion version, IReadOnlyDictionary<string, string?>? overrides = null, string? postgres = null,
        DateTimeOffset? now = null)
    {
        var world = devnet.World(version);
        var snapshot = await devnet.Chain.Rpc.SnapshotScopeAsync();
        var sqlite = postgres is null ? new TempSqliteDatabase() : null;
        var settings = DevnetSettings.For(
            world, postgres is null ? StorageProvider.Sqlite : StorageProvider.Postgres, postgres ?? sqlite!.ConnectionString, Confirmations);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var harness = new PipelineHarness(world, snapshot, sqlite, settings, clock);
        await harness.Get<ILedgerMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>
    /// A pipeline with the executor on (<c>Execution:Mode=Executor</c>), its key the deployer's (not an owner), from a key
    /// file the harness deletes on dispose; <paramref name="overrides"/> adds Execution settings.
    /// </summary>
    public static async Task<PipelineHarness> StartWithExecutorAsync(
        DevnetWorlds devnet, SafeVersion version, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, devnet.World(version).Deployer.PrivateKey);
        var settings = new Dictionary<string, string?> { ["Execution:Mode"] = "Executor", ["Execution:ExecutorKeyFile"] = keyFile };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var harness = await StartAsync(devnet, version, settings);
        harness.ownedFiles.Add(keyFile);
        return harness;
    }

    /// <summary>One allocation of 42.5 LPT to OpenCV, drafted and signed with EIP-712 by the first <paramref name="owners"/> owners.</summary>
    public async Task<TransactionView> DraftSignedByAsync(int owners)
    {
        await ImportAsync(Samples.One("grant", Samples.OpenCv, "LPT", "42.5"));
        var tx = await DraftAsync();
        foreach (var owner in World.Owners.Take(owners))
        {
            var outcome = await Signer.SignAndSubmitAsync(tx.SafeTxHash, owner.PrivateKey, CancellationToken.None);
            Assert.True(outcome.Result == SignatureResult.Created, outcome.Message);
        }

        return tx;
    }

    /// <summary>Another worker process on the same ledger and chain: its own services, RPC clients and caches.</summary>
    public ServiceProvider StartPeer()
    {
        var peer = Build(settings, Clock);
        peers.Add(peer);
        return peer;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider clock)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(clock);
        collection.AddSingleton(new RpcPolicy { CallTimeout = TimeSpan.FromSeconds(5), RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        collection.AddPipeline(configuration);
        collection.AddPipelineExecution(configuration);
        return collection.BuildServiceProvider(validateScopes: true);
    }

    public async Task ImportAsync(string csv)
    {
        var outcome = await Get<IAllocationImporter>().ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, false, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
    }

    /// <summary>The watcher mirrors the chain, then the confirmer derives from the mirror: one turn of the host's jobs.</summary>
    public async Task<ConfirmerRun> SyncAsync()
    {
        await Get<ChainWatcher>().PollAsync(CancellationToken.None);
        return await Get<Confirmer>().RunAsync(CancellationToken.None);
    }

    public Task MineAsync(int blocks) => World.Chain.Rpc.MineAsync(blocks);

    public async Task<TransactionView> DraftAsync()
    {
        var outcome = await Drafter.DraftAsync(CancellationToken.None);
        Assert.True(outcome.Result == DraftResult.Drafted, outcome.Reason);
        return outcome.Transaction!;
    }

    public async Task<TransactionView> ViewAsync(string safeTxHash) =>
        await Queries.GetAsync(safeTxHash, CancellationToken.None) ?? throw new InvalidOperationException($"{safeTxHash} not found");

    /// <summary>An owner's eth_sign (personal_sign) signature over the SafeTx hash, with v + 4 as the Safe expects.</summary>
    public static string EthSign(DevnetAccount owner, string safeTxHash)
    {
        var signature = new EthereumMessageSigner().Sign(safeTxHash.HexToByteArray(), owner.Key).HexToByteArray();
        signature[64] += 4;
        return signature.ToHex(true);
    }

    public async Task ApproveOnChainAsync(DevnetAccount owner, string safeTxHash)
    {
        var receipt = await new SafeContract(World.Web3For(owner), World.SafeAddress).ApproveHashAsync(safeTxHash.HexToByteArray());
        Assert.Equal(BigInteger.One, receipt.Status.Value);
    }

    /// <summary>Submits execTransaction from an account that is not an owner, with the stored signatures packed.</summary>
    public async Task<TransactionReceipt> ExecuteAsOutsiderAsync(string safeTxHash) =>
        await OutsiderExecution.ExecuteAsync(World, await ViewAsync(safeTxHash));

    /// <summary>
    /// Executes <paramref name="transaction"/> the way owners would without the worker: two owners approve its hash on
    /// chain and the third executes (v = 1 signatures, the executor's own approval implied).
    /// </summary>
    public async Task<TransactionReceipt> ExecuteWithoutWorkerAsync(SafeTransaction transaction)
    {
        var hashes = SafeTxHasher.Hash(new SafeDomain(World.Chain.ChainId, World.SafeAddress), transaction);
        var signers = World.Owners.Skip(2).Take(3).ToList();
        foreach (var owner in signers.Skip(1))
        {
            await ApproveOnChainAsync(owner, hashes.SafeTxHashHex);
        }

        var signatures = signers.OrderBy(o => o.Address, Comparer<string>.Create(EthAddress.CompareNumerically))
            .Select(o => new VerifiedSignature(o.Address, SafeSignatureType.ApprovedHash, SafeSignature.ApprovedHash(o.Address)));
        var execution = transaction.ToExecTransaction(SafeSignaturePacker.Pack(signatures));
        execution.Gas = 2_000_000;
        var receipt = await new SafeContract(World.Web3For(signers[0]), World.SafeAddress).ExecTransactionAsync(execution);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt;
    }

    /// <summary>Transfer logs on the chain from the Safe to <paramref name="recipient"/> in <paramref name="token"/>.</summary>
    public async Task<int> CountTransfersAsync(string token, string recipient)
    {
        var filter = new NewFilterInput
        {
            Address = [token],
            FromBlock = new BlockParameter(new HexBigInteger(0)),
            ToBlock = BlockParameter.CreateLatest(),
            Topics = [TransferTopic, Topic(World.SafeAddress), Topic(recipient)],
        };
        var logs = await World.Chain.CreateWeb3().Eth.Filters.GetLogs.SendRequestAsync(filter);
        return logs.Length;
    }

    public async Task<BigInteger> BalanceAsync(string token, string account) =>
        await new Erc20Contract(World.Chain.CreateWeb3(), token).BalanceOfAsync(account);

    public async Task<IReadOnlyList<string>> AllocationStatusesAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT id || '=' || status FROM allocations ORDER BY id")).ToList();
    }

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task ExecuteSqlAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in peers)
        {
            await peer.DisposeAsync();
        }

        await Services.DisposeAsync();
        sqlite?.Dispose();
        ownedFiles.ForEach(File.Delete);
        await snapshot.DisposeAsync();
    }

    private static string Topic(string address) => "0x" + new string('0', 24) + address[2..].ToLowerInvariant();
}
