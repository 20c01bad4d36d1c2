using System.Net;
using System.Net.Http.Headers;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Api;

[Collection(RunningWorkerCollection.Name)]
public sealed class RequestBodyTests(RunningWorker worker)
{
    private const int FiftyMegabytes = 50 * 1024 * 1024;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data")]
    public async Task Another_content_type_is_415_and_changes_nothing(string contentType)
    {
        string before = await worker.Client.GetStringAsync("api/allocations");

        using HttpResponseMessage response = await worker.Client.SendAsync(
            AsAdmin(Post("api/allocations", TestData.AllocationsCsv((TestData.NewId("type"), "1")), contentType)));

        await Json.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
    }

    [Fact]
    public async Task Projects_accept_only_csv()
    {
        using HttpResponseMessage response = await worker.Client.SendAsync(AsAdmin(Post("api/projects", "[]", "application/json")));
        await Json.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_50_MB_body_with_a_length_is_413_before_it_is_sent_and_changes_nothing()
    {
        string before = await worker.Client.GetStringAsync("api/allocations");
        var content = new ByteArrayContent(CsvOfSize(FiftyMegabytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        HttpRequestMessage request = AsAdmin(new HttpRequestMessage(HttpMethod.Post, "api/allocations") { Content = content });
        // As curl does for large uploads: the server can refuse on the declared length before the body is sent.
        request.Headers.ExpectContinue = true;

        using HttpResponseMessage response = await worker.Client.SendAsync(request);

        var problem = await Json.ReadProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Api:MaxBodyBytes (10485760 bytes)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
    }

    [Fact]
    public async Task A_50_MB_chunked_body_is_cut_off_with_413_and_changes_nothing()
    {
        string before = await worker.Client.GetStringAsync("api/allocations");

        (int status, string body) = await RawHttp.PostChunkedAsync(worker.BaseAddress, "/api/allocations", "text/csv", TestData.AdminToken, FiftyMegabytes);

        Assert.Equal(413, status);
        Assert.Contains("Api:MaxBodyBytes", body, StringComparison.Ordinal);
        Assert.Equal(before, await worker.Client.GetStringAsync("api/allocations"));
    }

    [Theory]
    [InlineData("api/transactions/0x1111111111111111111111111111111111111111111111111111111111111111/signatures", "application/json; charset=utf-16")]
    [InlineData("api/transactions/0x1111111111111111111111111111111111111111111111111111111111111111/signatures", "application/json; charset=iso-8859-1")]
    [InlineData("api/allocations", "text/csv; charset=latin1")]
    public async Task A_body_declaring_a_charset_other_than_utf8_is_415_naming_it(string path, string contentType)
    {
        var request = AsAdmin(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}") });
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using HttpResponseMessage response = await worker.Client.SendAsync(request);

        var problem = await Json.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("must be UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_declared_utf8_passes_the_charset_check()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/transactions/0x1111111111111111111111111111111111111111111111111111111111111111/signatures")
        {
            Content = new StringContent("{\"signature\":\"0x" + new string('a', 130) + "\"}"),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=UTF-8");

        using HttpResponseMessage response = await worker.Client.SendAsync(request);

        await Json.ReadProblemAsync(response, HttpStatusCode.NotFound); // no such transaction: the body was read
    }

    /// <summary>A header and valid-looking rows, so only the size can be the reason for refusal.</summary>
    private static byte[] CsvOfSize(int bytes)
    {
        byte[] body = new byte[bytes];
        byte[] start = System.Text.Encoding.UTF8.GetBytes(TestData.AllocationsCsv((TestData.NewId("big"), "1")));
        start.CopyTo(body, 0);
        body.AsSpan(start.Length).Fill((byte)'\n');
        return body;
    }
}
