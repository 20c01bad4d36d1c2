using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Signing;

/// <summary>
/// An owner signs with their own tool (issue 11 item 3): <c>tx typed-data SAFE_TX_HASH --out FILE</c> from the real
/// worker binary, Foundry's real <c>cast wallet sign --data --from-file FILE</c> (npm @foundry-rs/cast, pinned in
/// devnet/package.json; a devnet owner's <c>--private-key</c> stands in for <c>--ledger</c>), and the signature posted
/// without any token to a running worker over a real devnet Safe.
/// </summary>
public sealed class OwnToolsSigningTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_typed_data_file_signed_with_cast_is_accepted_without_a_token()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        var environment = scenario.Environment(executor: false);
        var (_, api) = await scenario.StartWorkerAsync(environment);
        await PaymentFlow.ImportSamplesAsync(api);
        var safeTxHash = await PaymentFlow.DraftAsync(api);

        var file = Path.Combine(scenario.Folder, "safe-tx.json");
        using (var write = WorkerProcess.Start(scenario.Folder, environment, "tx", "typed-data", safeTxHash, "--out", file))
        {
            Assert.True(await write.WaitForExitAsync(CommandTimeout) == 0, write.Output);
            Assert.Contains($"cast wallet sign --data --from-file {file} --ledger", write.Output, StringComparison.Ordinal);
        }

        // The file is exactly the typed data the API serves (and the stdout form is the same JSON).
        var typedData = (await api.GetAsync($"api/transactions/{safeTxHash}"))["typedData"];
        Assert.True(JsonNode.DeepEquals(typedData, JsonNode.Parse(await File.ReadAllTextAsync(file))), await File.ReadAllTextAsync(file));
        using (var print = WorkerProcess.Start(scenario.Folder, environment, "tx", "typed-data", safeTxHash))
        {
            Assert.True(await print.WaitForExitAsync(CommandTimeout) == 0, print.Output);
            Assert.True(JsonNode.DeepEquals(typedData, JsonNode.Parse(print.Output)), print.Output);
        }

        var owner = scenario.World.Owners[1];
        var signature = await Cast.SignTypedDataFileAsync(file, owner.PrivateKey);
        using var anonymous = new HttpClient { BaseAddress = scenario.BaseAddress };
        using var posted = await anonymous.PostAsJsonAsync(new Uri($"api/transactions/{safeTxHash}/signatures", UriKind.Relative), new { signature });
        Assert.True(posted.StatusCode == HttpStatusCode.Created, $"{(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

        var signatures = (await api.GetAsync($"api/transactions/{safeTxHash}"))["signatures"]!.AsArray();
        var stored = Assert.Single(signatures);
        Assert.Equal(owner.Address, stored!["owner"]!.GetValue<string>());
        Assert.Equal("Eip712", stored["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_hash_is_bad_input()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        var unknown = "0x" + new string('a', 64);
        using var write = WorkerProcess.Start(scenario.Folder, scenario.Environment(executor: false), "tx", "typed-data", unknown);
        Assert.Equal(1, await write.WaitForExitAsync(CommandTimeout));
        Assert.Contains($"No Safe transaction {unknown} is known", write.Output, StringComparison.Ordinal);
    }
}
