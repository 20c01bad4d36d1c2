using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OssFunding.EndToEnd.Tests.Support;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport.Processes;

namespace OssFunding.EndToEnd.Tests.Execution;

/// <summary>
/// Operator cancel through the real worker (SPEC §5): the API drafts the rejection of a signed transaction, owners sign it
/// through the API, the worker's executor executes it, and the original ends Cancelled with its allocations Approved;
/// <c>tx cancel</c> cancels a draft nobody saw at once.
/// </summary>
public sealed class OperatorCancelTests
{
    [Fact]
    public async Task The_worker_executes_the_rejection_of_a_signed_transaction_and_the_cli_cancels_an_unseen_draft_at_once()
    {
        await using var scenario = await Scenario.StartAsync(SafeVersion.V141);
        var environment = scenario.Environment(executor: true);
        var (_, api) = await scenario.StartWorkerAsync(environment);
        await PaymentFlow.ImportSamplesAsync(api);
        var original = await PaymentFlow.DraftAsync(api);
        await PaymentFlow.SignAsync(api, scenario.World, original, [SigningWay.Eip712, SigningWay.EthSign]);
        var allocations = (await api.GetAsync($"api/transactions/{original}"))["payments"]!.AsArray()
            .Select(p => p!["allocationId"]!.GetValue<string>()).ToList();

        using (var anonymous = new HttpClient { BaseAddress = api.Client.BaseAddress })
        {
            using var refused = await anonymous.PostAsync(new Uri($"api/transactions/{original}/cancel", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await CancelAsync(api, original, new StringContent("x", Encoding.UTF8, "text/plain"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await CancelAsync(api, original, JsonContent.Create(new { cancelAllocations = "yes" }))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await CancelAsync(api, original, JsonContent.Create(new { cancel = true }))).Status);
        Assert.Equal("AwaitingSignatures", await api.StatusOfAsync(original));

        var (status, body) = await CancelAsync(api, original, JsonContent.Create(new { cancelAllocations = false }));
        Assert.True(status == HttpStatusCode.Accepted, $"cancel: {(int)status} {body}");
        var rejection = JsonNode.Parse(body)!;
        var rejectionHash = rejection["safeTxHash"]!.GetValue<string>();
        Assert.Equal((original, "0x", scenario.World.SafeAddress), (rejection["rejects"]!.GetValue<string>(), rejection["data"]!.GetValue<string>(), rejection["to"]!.GetValue<string>()));
        Assert.Equal("Cancelling", await api.StatusOfAsync(original));

        await PaymentFlow.SignAsync(api, scenario.World, rejectionHash, [SigningWay.Eip712, SigningWay.EthSign, SigningWay.Eip712]);
        await api.WaitForStatusAsync(rejectionHash, "Confirmed", TimeSpan.FromSeconds(90));
        var cancelled = await api.WaitForStatusAsync(original, "Cancelled", TimeSpan.FromSeconds(30));
        Assert.Equal(rejectionHash, cancelled["rejectedBy"]!.GetValue<string>());
        foreach (var id in allocations)
        {
            Assert.Equal("Approved", (await api.GetAsync($"api/allocations/{id}"))["status"]!.GetValue<string>());
        }

        Assert.Equal(0L, await ChainFacts.LedgerScalarAsync<long>(scenario.DatabasePath, "SELECT COUNT(*) FROM payments"));
        Assert.Equal(HttpStatusCode.OK, (await CancelAsync(api, original, null)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await CancelAsync(api, rejectionHash, null)).Status); // executed

        // Redrafted at the next nonce, nobody has seen it yet: the CLI cancels it at once, with its allocations.
        var (drafted, draftBody) = await api.SendAsync(HttpMethod.Post, "api/transactions/draft");
        Assert.True(drafted == HttpStatusCode.Created, $"draft: {(int)drafted} {draftBody}");
        var redraft = JsonNode.Parse(draftBody)!["safeTxHash"]!.GetValue<string>();
        Assert.Equal(1, JsonNode.Parse(draftBody)!["nonce"]!.GetValue<long>());
        using var cli = WorkerProcess.Start(scenario.Folder, environment, "tx", "cancel", redraft, "--cancel-allocations");
        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Cancelled: Cancelled by the operator", cli.Output, StringComparison.Ordinal);
        Assert.Equal("Cancelled", await api.StatusOfAsync(redraft));
        foreach (var id in allocations)
        {
            Assert.Equal("Cancelled", (await api.GetAsync($"api/allocations/{id}"))["status"]!.GetValue<string>());
        }

        using var unknown = WorkerProcess.Start(scenario.Folder, environment, "tx", "cancel", "0x" + new string('b', 64));
        Assert.Equal(1, await unknown.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("refused (NotFound)", unknown.Output, StringComparison.Ordinal);
    }

    private static Task<(HttpStatusCode Status, string Body)> CancelAsync(WorkerApi api, string safeTxHash, HttpContent? content) =>
        api.SendAsync(HttpMethod.Post, $"api/transactions/{safeTxHash}/cancel", content);
}
