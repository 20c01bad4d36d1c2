using System.Net;
using System.Text.Json;
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
