using OssFunding.Core.Tests.Allocations;
using OssFunding.TestSupport;
using static OssFunding.Core.Tests.Allocations.AllocationFile;

namespace OssFunding.Core.Tests.Projects;

public sealed class ProjectRegistryTests : LedgerFixture
{
    private const string Header = "name,recipient,proof_url,effective_from\n";

    private static readonly Dictionary<string, (string Csv, string Message)> BadFiles = new()
    {
        ["wrong header"] = ("name,address,proof_url,effective_from\nx\n", "header must be exactly name,recipient,proof_url,effective_from[,distinct_from]: missing column 'recipient'; unexpected column 'address'"),
        ["header only"] = (Header, "the file has a header but no rows"),
        ["lowercase address"] = (Header + $"uvicorn,{TestAddresses.Recipient(3).ToLowerInvariant()},https://github.com/encode/uvicorn,2025-01-01\n", "has no EIP-55 checksum"),
        ["the Safe as recipient"] = (Header + $"uvicorn,{TestAddresses.Safe},https://github.com/encode/uvicorn,2025-01-01\n", "is the Safe itself"),
        ["http proof"] = (Header + $"uvicorn,{TestAddresses.Recipient(3)},http://github.com/encode/uvicorn,2025-01-01\n", "'http://github.com/encode/uvicorn' must be an absolute https:// URL"),
        ["relative proof"] = (Header + $"uvicorn,{TestAddresses.Recipient(3)},/encode/uvicorn,2025-01-01\n", "must be an absolute https:// URL"),
        ["bad date"] = (Header + $"uvicorn,{TestAddresses.Recipient(3)},https://github.com/encode/uvicorn,2025-02-30\n", "'2025-02-30' is not a date in the form YYYY-MM-DD"),
        ["empty name"] = (Header + $",{TestAddresses.Recipient(3)},https://github.com/encode/uvicorn,2025-01-01\n", "must be 1 to 200 characters"),
        ["duplicate in file"] = (Header + $"uvicorn,{TestAddresses.Recipient(3)},https://a.example/,2025-01-01\nuvicorn,{TestAddresses.Recipient(3)},https://a.example/,2025-01-01\n", "already appears on line 2"),
        ["conflict with the registry"] = (Header + $"FFmpeg,{TestAddresses.Recipient(3)},https://ffmpeg.org/donations.html,2024-01-01\n",
            "project 'FFmpeg' effective 2024-01-01 is already registered with a different recipient: register a new address with a later effective_from"),
    };

    public static TheoryData<string> BadFileNames => new(BadFiles.Keys);

    [Theory]
    [MemberData(nameof(BadFileNames))]
    public async Task Bad_registry_file_is_refused_and_changes_nothing(string name)
    {
        var (csv, message) = BadFiles[name];
        var before = await Host.Projects.ListAsync(CancellationToken.None);

        var outcome = await Host.ImportProjectsAsync(csv);

        Assert.Contains(outcome.Errors, error => error.Reason.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await Host.Projects.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reimport_is_a_no_op_and_dry_run_writes_nothing()
    {
        Assert.Equal("nothing to do: all 2 rows already imported", (await Host.ImportProjectsAsync(ProjectsCsv)).Message);
        var dry = await Host.ImportProjectsAsync(Header + $"uvicorn,{TestAddresses.Recipient(3)},https://github.com/encode/uvicorn,2025-01-01\n", dryRun: true);

        Assert.Equal("dry run: 1 would be added, 0 unchanged; nothing written", dry.Message);
        Assert.Equal(["FFmpeg", "OpenCV"], (await Host.Projects.ListAsync(CancellationToken.None)).Select(p => p.Name));
    }

    [Fact]
    public async Task A_new_address_applies_from_its_effective_date()
    {
        var moved = await Host.ImportProjectsAsync(Header + $"FFmpeg,{TestAddresses.Recipient(3)},https://ffmpeg.org/donations.html,2025-03-01\n");
        Assert.True(moved.Succeeded, string.Join('\n', moved.Errors));

        var february = await Host.ImportCsvAsync(Csv(Row("feb").With("period", "2025-02")));
        var marchOld = await Host.ImportCsvAsync(Csv(Row("mar-old").With("period", "2025-03")));
        var marchNew = await Host.ImportCsvAsync(Csv(Row("mar-new").With("period", "2025-03").With("recipient", TestAddresses.Recipient(3))));

        Assert.True(february.Succeeded);
        Assert.Contains("is not the registered address of 'FFmpeg' for 2025-03", Assert.Single(marchOld.Errors).Reason, StringComparison.Ordinal);
        Assert.True(marchNew.Succeeded);
    }
}
