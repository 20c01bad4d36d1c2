using System.Net;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

[Collection(RunningWorkerCollection.Name)]
public sealed class QueryAndProblemTests(RunningWorker worker)
{
    [Theory]
    [InlineData("period=2025-13", "period")]
    [InlineData("period=2025-1", "period")]
    [InlineData("period=January", "period")]
    [InlineData("status=Pending", "status")]
    [InlineData("status=1", "status")]
    [InlineData("status=", "status")]
    public async Task A_bad_filter_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        using HttpResponseMessage response = await worker.Client.GetAsync($"api/allocations?{query}");

        var problem = await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.Contains(parameter, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/alerts?safeTxHash=not-a-hash", "safeTxHash")]
    [InlineData("api/alerts?safeTxHash=0x1234", "safeTxHash")]
    [InlineData("api/alerts?limit=0", "limit")]
    [InlineData("api/payments?period=2025-13", "period")]
    public async Task A_bad_parameter_of_the_pipeline_endpoints_is_a_400_problem_naming_it(string path, string parameter)
    {
        using HttpResponseMessage response = await worker.Client.GetAsync(path);

        var problem = await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_well_formed_hash_in_any_case_filters_the_alerts()
    {
        using HttpResponseMessage response = await worker.Client.GetAsync($"api/alerts?safeTxHash=0x{new string('A', 64)}");
        Assert.Equal(0, (await Json.ReadAsync(response, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Both_bad_filters_are_reported_together()
    {
        using HttpResponseMessage response = await worker.Client.GetAsync("api/allocations?period=2025-00&status=Done");

        var problem = await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, problem.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Valid_filters_return_a_list()
    {
        using HttpResponseMessage response = await worker.Client.GetAsync("api/allocations?period=2031-07&status=Cancelled");
        Assert.Equal(0, (await Json.ReadAsync(response, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task A_bad_dry_run_flag_is_a_400_problem()
    {
        using HttpResponseMessage response = await worker.Client.SendAsync(
            AsAdmin(Post("api/allocations?dryRun=maybe", TestData.AllocationsCsv((TestData.NewId("flag"), "1")), "text/csv")));
        await Json.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_routes_and_ids_are_404_problems()
    {
        await Json.ReadProblemAsync(await worker.Client.GetAsync("api/nothing-here"), HttpStatusCode.NotFound);
        await Json.ReadProblemAsync(await worker.Client.GetAsync("api/allocations/no-such-id"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("api/status")]
    [InlineData("api/allocations")]
    [InlineData("api/allocations?status=Nope")]
    [InlineData("api/allocations/no-such-id")]
    [InlineData("api/projects")]
    [InlineData("api/transactions")]
    [InlineData("api/transactions/0x1234")]
    [InlineData("api/payments")]
    [InlineData("api/alerts")]
    [InlineData("api/reports/2025-01?format=html")]
    [InlineData("api/reports/annual/2025")]
    public async Task Every_get_endpoint_answers_head_with_its_status_and_headers_and_no_body(string path)
    {
        using HttpResponseMessage get = await worker.Client.GetAsync(path);
        using HttpResponseMessage head = await worker.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(head.Headers.GetValues("X-Content-Type-Options")));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
