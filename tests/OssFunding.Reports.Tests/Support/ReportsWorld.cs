using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Nethereum.JsonRpc.Client;
using OssFunding.Core.Allocations;
using OssFunding.Core.Projects;
using OssFunding.Devnet;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Reports.ChainFacts;
using OssFunding.Reports.OffChain;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests.Support;

/// <summary>
/// The demo month, run once per test collection through the real pipeline on anvil: the sample projects and January 2025
/// allocations imported, drafted into one Safe transaction, signed by three owners, executed, mirrored and confirmed at
/// final depth; an outside transfer from the Safe (unplanned outflow); an off-chain payment, a cancelled and a pending
/// allocation; then the chain moves into February so the month has ended and its month-end snapshot is recorded.
/// The resulting ledger is the "golden" one: each test works on its own copy (<see cref="StartHostAsync"/>).
/// </summary>
public sealed class ReportsWorld : IAsyncLifetime, IDisposable
{
    public static readonly DateTimeOffset ChainStart = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset February = new(2025, 2, 1, 0, 0, 30, TimeSpan.Zero);
    public static readonly string OutsideRecipient = TestAddresses.Recipient(90);
    public const decimal OutsideAmount = 5m;
    /// <summary>
    /// The pending allocation's project and approval_ref as they are in the ledger. Imports refuse both (a right-to-left
    /// override, a javascript: link), so they are written into the ledger after the import, as an older import or a
    /// database edit could have left them: the renderers must show the override escaped and not link the script.
    /// </summary>
    public const string TrickyProject = "Markup <b>&</b> | *tricky* [x](javascript:alert(1)) Safe\u202Egnp.exe";

    public const string TrickyApprovalRef = "javascript:alert(1)";

    private TempSqliteDatabase? golden;
    private DevnetChain? chain;

    public DevnetWorld World { get; private set; } = null!;

    /// <summary>Block of the worker's Safe transaction paying the sample month.</summary>
    public long PaymentBlock { get; private set; }

    public string OutsideTxHash { get; private set; } = "";

    public async Task InitializeAsync()
    {
        golden = new TempSqliteDatabase();
        chain = await DevnetChain.StartAsync();
        await SetChainTimeAsync(chain, ChainStart);
        World = await DevnetWorld.DeployAsync(chain, SafeVersion.V141);
        await using var host = await ReportsHost.StartAsync(World, golden);
        await ImportSamplesAsync(host);
        await PayDraftAsync(host);
        OutsideTxHash = await OutsideSafeTransfer.TransferAsync(World, World.Lpt, OutsideRecipient, World.Lpt.ToBaseUnits(OutsideAmount));
        await ImportExtrasAsync(host);
        await chain.Rpc.MineAsync(ReportsHost.Confirmations + 1);
        await host.SyncAsync();
        await host.SyncAsync();
        var offChain = await host.Get<OffChainPayments>().RecordAsync(
            new OffChainPaymentRequest("2025-01-offchain", "SEPA 2025-01-15 REF 4711", "https://bank.example/statements/2025-01#4711", "2025-01-15"),
            CancellationToken.None);
        Assert.Equal(OffChainResult.Recorded, offChain.Result);

        // Into February: the month ends on chain, and blocks on top make its last block final.
        await SetChainTimeAsync(chain, February);
        await chain.Rpc.MineAsync(ReportsHost.Confirmations + 2);
        await host.SyncAsync();
        await host.Get<ChainFactsRecorder>().RecordAsync(CancellationToken.None);
        PaymentBlock = await host.ScalarAsync<long>("SELECT MIN(block_number) FROM payments WHERE kind = 'OnChain'");
        Assert.Equal(11, await host.ScalarAsync<long>("SELECT COUNT(*) FROM payments WHERE kind = 'OnChain'"));
        Assert.Equal(1, await host.ScalarAsync<long>("SELECT COUNT(*) FROM unplanned_outflows"));
    }

    /// <summary>A host on a fresh copy of the golden ledger (<c>VACUUM INTO</c>: a consistent copy, WAL included).</summary>
    internal async Task<ReportsHost> StartHostAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var copy = new TempSqliteDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(copy.Path)!);
        await using (var connection = new SqliteConnection(golden!.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO @path";
            command.Parameters.AddWithValue("@path", copy.Path);
            await command.ExecuteNonQueryAsync();
        }

        return await ReportsHost.StartAsync(World, copy, overrides, ownsDatabase: true);
    }

    public async Task DisposeAsync()
    {
        if (chain is not null)
        {
            await chain.DisposeAsync();
        }
    }

    public void Dispose() => golden?.Dispose();

    /// <summary>anvil's <c>evm_setTime</c>: the next blocks are stamped from this instant on (it may go back).</summary>
    public static Task SetChainTimeAsync(DevnetChain chain, DateTimeOffset at) =>
        chain.CreateWeb3().Client.SendRequestAsync<object>(new RpcRequest(1, "evm_setTime", at.ToUnixTimeSeconds()));

    private static async Task ImportSamplesAsync(ReportsHost host)
    {
        await using (var projects = File.OpenRead(RepositoryRoot.File("samples", "projects.csv")))
        {
            var outcome = await host.Get<IProjectRegistry>().ImportAsync(projects, false, CancellationToken.None);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        }

        await using var allocations = File.OpenRead(RepositoryRoot.File("samples", "allocations-2025-01.csv"));
        var imported = await host.Get<IAllocationImporter>().ImportAsync(allocations, ImportFormat.Csv, false, CancellationToken.None);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
    }

    private async Task PayDraftAsync(ReportsHost host)
    {
        var draft = await host.Get<Drafter>().DraftAsync(CancellationToken.None);
        Assert.True(draft.Result == DraftResult.Drafted, draft.Reason);
        var safeTxHash = draft.Transaction!.SafeTxHash;
        foreach (var owner in World.Owners.Take(World.Safe.Threshold))
        {
            var signed = await host.Get<LocalSigner>().SignAndSubmitAsync(safeTxHash, owner.PrivateKey, CancellationToken.None);
            Assert.True(signed.IsSuccess, signed.Message);
        }

        var view = await host.Get<TransactionQueries>().GetAsync(safeTxHash, CancellationToken.None) ?? throw new InvalidOperationException("draft vanished");
        await OutsiderExecution.ExecuteAsync(World, view, gas: 3_000_000);
    }

    private static async Task ImportExtrasAsync(ReportsHost host)
    {
        var csv = new StringBuilder("id,period,project,category,recipient,token,amount,approval_ref,memo\n")
            .Append($"2025-01-offchain,2025-01,Offline Project,projects,{TestAddresses.Recipient(91)},USDC,200,https://forum.example/t/offline,paid by bank transfer\n")
            .Append($"2025-01-cancelled,2025-01,Dropped Project,projects,{TestAddresses.Recipient(92)},LPT,10,https://forum.example/t/dropped,withdrawn\n")
            .Append($"2025-01-pending,2025-01,Pending Project,reserve,{TestAddresses.Recipient(93)},LPT,7.25,https://forum.example/t/pending,\"<script>alert(1)</script>\"\n")
            .ToString();
        var outcome = await host.Get<IAllocationImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, false, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        await using (var connection = await host.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE allocations SET project = @project, approval_ref = @link WHERE id = '2025-01-pending'",
                new { project = TrickyProject, link = TrickyApprovalRef });
        }

        Assert.Equal(CancelResult.Cancelled, await host.Get<IAllocationStore>().CancelAsync("2025-01-cancelled", "project withdrew | <i>no longer maintained</i>", CancellationToken.None));
    }
}

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<ReportsWorld>
{
    public const string Name = "reports devnet";
}
