using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

[Collection(RunningWorkerCollection.Name)]
public sealed class CancelApiTests(RunningWorker worker)
{
    [Fact]
    public async Task Cancelling_needs_a_reason_then_cancels_once_and_frees_the_budget()
    {
        string id = TestData.NewId("cancel");
        using HttpResponseMessage imported = await worker.Client.SendAsync(AsAdmin(Post("api/allocations", TestData.AllocationsCsv((id, "7")), "text/csv")));
        await Json.ReadAsync(imported, HttpStatusCode.OK);
        decimal remainingBefore = await RemainingProjectsLptAsync();

        await Json.ReadProblemAsync(await Cancel(id, "{}"), HttpStatusCode.BadRequest);
        await Json.ReadProblemAsync(await Cancel(id, """{"reason":"   "}"""), HttpStatusCode.BadRequest);
        await Json.ReadProblemAsync(await Cancel(id, "not json"), HttpStatusCode.BadRequest);
        await Json.ReadProblemAsync(await Cancel(id, """{"reason":"x"}""", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Approved", (await Json.ReadAsync(await worker.Client.GetAsync($"api/allocations/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString());

        JsonElement cancelled = await Json.ReadAsync(await Cancel(id, """{"reason":"project withdrew"}"""), HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(remainingBefore + 7, await RemainingProjectsLptAsync());

        JsonElement again = await Json.ReadAsync(await Cancel(id, """{"reason":"twice"}"""), HttpStatusCode.OK);
        Assert.Equal("Cancelled", again.GetProperty("status").GetString());
        Assert.Equal(remainingBefore + 7, await RemainingProjectsLptAsync());
    }

    [Fact]
    public async Task Cancelling_an_unknown_allocation_is_404()
    {
        await Json.ReadProblemAsync(await Cancel(TestData.NewId("unknown"), """{"reason":"x"}"""), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancelling_an_allocation_that_is_no_longer_approved_is_409_and_changes_nothing()
    {
        string id = TestData.NewId("offchain");
        await Json.ReadAsync(await worker.Client.SendAsync(AsAdmin(Post("api/allocations", TestData.AllocationsCsv((id, "2")), "text/csv"))), HttpStatusCode.OK);
        // The payment pipeline records off-chain payments; here the ledger row is moved there directly.
        await using (var connection = new SqliteConnection($"Data Source={worker.Sandbox.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using SqliteCommand update = connection.CreateCommand();
            update.CommandText = "UPDATE allocations SET status = 'PaidOffChain' WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        JsonElement problem = await Json.ReadProblemAsync(await Cancel(id, """{"reason":"too late"}"""), HttpStatusCode.Conflict);

        Assert.Contains("PaidOffChain", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("PaidOffChain", (await Json.ReadAsync(await worker.Client.GetAsync($"api/allocations/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    private Task<HttpResponseMessage> Cancel(string id, string body, string contentType = "application/json") =>
        worker.Client.SendAsync(AsAdmin(Post($"api/allocations/{id}/cancel", body, contentType)));

    private async Task<decimal> RemainingProjectsLptAsync()
    {
        JsonElement status = await Json.ReadAsync(await worker.Client.GetAsync("api/status"), HttpStatusCode.OK);
        JsonElement line = status.GetProperty("budget").EnumerateArray()
            .Single(l => l.GetProperty("category").GetString() == "projects" && l.GetProperty("token").GetString() == "LPT");
        return decimal.Parse(line.GetProperty("remaining").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
