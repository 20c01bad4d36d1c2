using System.Net;
using System.Net.Http.Headers;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

[Collection(RunningWorkerCollection.Name)]
public sealed class ApiAccessTests(RunningWorker worker)
{
    [Fact]
    public async Task A_write_without_a_token_is_401_with_a_bearer_challenge_and_changes_nothing()
    {
        string before = await worker.Client.GetStringAsync("api/allocations");

        using HttpResponseMessage response = await worker.Client.SendAsync(
            Post("api/allocations", TestData.AllocationsCsv((TestData.NewId("anon"), "1")), "text/csv"));

        await Json.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
    }

    [Theory]
    [InlineData("Bearer", "wrong-token-of-sufficient-length")]
    [InlineData("Bearer", TestData.AdminToken + "x")]
    public async Task A_write_with_a_wrong_token_is_403_and_changes_nothing(string scheme, string token)
    {
        string before = await worker.Client.GetStringAsync("api/allocations");
        HttpRequestMessage request = Post("api/allocations", TestData.AllocationsCsv((TestData.NewId("wrong"), "1")), "text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);

        using HttpResponseMessage response = await worker.Client.SendAsync(request);

        await Json.ReadProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
    }

    [Fact]
    public async Task Another_authorization_scheme_counts_as_no_token()
    {
        HttpRequestMessage request = Post("api/projects", TestData.ProjectsCsv(), "text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        using HttpResponseMessage response = await worker.Client.SendAsync(request);

        await Json.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cancelling_needs_the_admin_token_too()
    {
        using HttpResponseMessage response = await worker.Client.SendAsync(Post("api/allocations/any/cancel", """{"reason":"x"}""", "application/json"));
        await Json.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
