using System.Net;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

[Collection(RunningWorkerCollection.Name)]
public sealed class AllocationImportApiTests(RunningWorker worker)
{
    [Fact]
    public async Task Csv_import_adds_rows_with_string_amounts_and_a_reimport_changes_nothing()
    {
        string first = TestData.NewId("csv");
        string second = TestData.NewId("csv");
        string csv = TestData.AllocationsCsv((first, "12.50"), (second, "3"));

        using HttpResponseMessage imported = await worker.Client.SendAsync(AsAdmin(Post("api/allocations", csv, "text/csv")));
        JsonElement outcome = await Json.ReadAsync(imported, HttpStatusCode.OK);
        Assert.Equal(2, outcome.GetProperty("added").GetInt32());
        Assert.True(outcome.GetProperty("applied").GetBoolean());

        JsonElement stored = await Json.ReadAsync(await worker.Client.GetAsync($"api/allocations/{first}"), HttpStatusCode.OK);
        Assert.Equal("12.5", stored.GetProperty("amount").GetString());
        Assert.Equal("Approved", stored.GetProperty("status").GetString());
        Assert.Equal(TestData.FfmpegWallet, stored.GetProperty("recipient").GetString());

        string before = await worker.Client.GetStringAsync("api/allocations");
        using HttpResponseMessage again = await worker.Client.SendAsync(AsAdmin(Post("api/allocations", csv, "text/csv")));
        JsonElement repeat = await Json.ReadAsync(again, HttpStatusCode.OK);
        Assert.Equal(0, repeat.GetProperty("added").GetInt32());
        Assert.Equal(2, repeat.GetProperty("unchanged").GetInt32());
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
    }

    [Fact]
    public async Task Json_import_is_accepted_with_a_charset_parameter()
    {
        string id = TestData.NewId("json");
        using HttpResponseMessage imported = await worker.Client.SendAsync(
            AsAdmin(Post("api/allocations", TestData.AllocationsJson(id, "100.25"), "application/json")));
        Assert.Equal(1, (await Json.ReadAsync(imported, HttpStatusCode.OK)).GetProperty("added").GetInt32());

        JsonElement list = await Json.ReadAsync(await worker.Client.GetAsync("api/allocations?period=2025-03&status=approved"), HttpStatusCode.OK);
        JsonElement row = list.EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal("100.25", row.GetProperty("amount").GetString());
        Assert.Equal("USDC", row.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Dry_run_validates_and_writes_nothing()
    {
        string id = TestData.NewId("dry");
        string before = await worker.Client.GetStringAsync("api/allocations");

        using HttpResponseMessage response = await worker.Client.SendAsync(
            AsAdmin(Post("api/allocations?dryRun=true", TestData.AllocationsCsv((id, "1")), "text/csv")));
        JsonElement outcome = await Json.ReadAsync(response, HttpStatusCode.OK);

        Assert.True(outcome.GetProperty("dryRun").GetBoolean());
        Assert.False(outcome.GetProperty("applied").GetBoolean());
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Client.GetAsync($"api/allocations/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_refused_file_is_a_problem_listing_every_error_and_changes_nothing()
    {
        string good = TestData.NewId("good");
        string csv = TestData.AllocationsCsv((good, "1"), (TestData.NewId("zero"), "0"))
            + $"{TestData.NewId("low")},2025-02,FFmpeg,projects,{TestData.FfmpegWallet.ToLowerInvariant()},LPT,1,https://x.example/1,m\n";
        string before = await worker.Client.GetStringAsync("api/allocations");

        using HttpResponseMessage response = await worker.Client.SendAsync(AsAdmin(Post("api/allocations", csv, "text/csv")));
        JsonElement problem = await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);

        JsonElement[] errors = problem.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 3 && e.GetProperty("column").GetString() == "amount");
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 4 && e.GetProperty("column").GetString() == "recipient");
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("reason").GetString())));
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Client.GetAsync($"api/allocations/{good}")).StatusCode);
    }

    [Fact]
    public async Task Projects_are_listed_after_registration()
    {
        JsonElement projects = await Json.ReadAsync(await worker.Client.GetAsync("api/projects"), HttpStatusCode.OK);
        JsonElement ffmpeg = projects.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "FFmpeg");
        Assert.Equal(TestData.FfmpegWallet, ffmpeg.GetProperty("recipient").GetString());
        Assert.Equal("https://ffmpeg.org/donations.html", ffmpeg.GetProperty("proofUrl").GetString());
    }
}
