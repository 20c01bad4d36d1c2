using OssFunding.Core.Allocations;
using OssFunding.Core.Tests.Allocations;
using OssFunding.TestSupport;
using static OssFunding.Core.Tests.Allocations.AllocationFile;

namespace OssFunding.Core.Tests.Text;

/// <summary>
/// SPEC §14, text is data: an import refuses hidden characters naming line, column, position and code point, and
/// changes nothing; names are stored NFC; a new project name confusable with a registered one is refused unless the
/// row says it is a different project.
/// </summary>
public sealed class TextIsDataTests : LedgerFixture
{
    private const string RegistryHeader = "name,recipient,proof_url,effective_from";

    [Fact]
    public async Task A_project_name_with_a_right_to_left_override_is_refused_naming_line_column_and_code_point()
    {
        var csv = Csv(Row("ok-1"), Row("rlo-1").With("project", "Safe\u202Egnp.exe"));

        var outcome = await Host.ImportCsvAsync(csv);

        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("line 3, column project: character 5 is U+202E RIGHT-TO-LEFT OVERRIDE, which is not allowed", error.ToString(), StringComparison.Ordinal);
        Assert.False(outcome.Applied);
        Assert.Null(await Host.Allocations.GetAsync("ok-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_memo_with_a_zero_width_space_is_refused_in_csv_and_json()
    {
        var csv = await Host.ImportCsvAsync(Csv(Row("zw-1").With("memo", "Jan\u200Buary")));
        var json = await Host.ImportJsonAsync(
            $$"""
            [
              {"id": "zw-2", "period": "2025-01", "project": "FFmpeg", "category": "projects",
               "recipient": "{{TestAddresses.Recipient(1)}}", "token": "LPT", "amount": "1",
               "approvalRef": "https://forum.example/t/1", "memo": "isolated \u2066text\u2069"}
            ]
            """);

        Assert.StartsWith("line 2, column memo: character 4 is U+200B ZERO WIDTH SPACE", Assert.Single(csv.Errors).ToString(), StringComparison.Ordinal);
        Assert.StartsWith("line 4, column memo: character 10 is U+2066 LEFT-TO-RIGHT ISOLATE", Assert.Single(json.Errors).ToString(), StringComparison.Ordinal);
        Assert.Null(await Host.Allocations.GetAsync("zw-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("tab\there", "U+0009 CHARACTER TABULATION")]
    [InlineData("bom\uFEFFinside", "U+FEFF ZERO WIDTH NO-BREAK SPACE")]
    [InlineData("soft\u00ADhyphen", "U+00AD SOFT HYPHEN")]
    [InlineData("mark\u200Fhere", "U+200F RIGHT-TO-LEFT MARK")]
    [InlineData("tag\U000E0041", "U+E0041 TAG LATIN CAPITAL LETTER A")]
    public async Task Every_control_and_format_character_is_refused(string memo, string described)
    {
        var outcome = await Host.ImportCsvAsync(Csv(Row("cf-1").With("memo", memo)));

        Assert.Contains(described, Assert.Single(outcome.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_name_with_an_override_is_refused_and_nothing_is_registered()
    {
        var outcome = await Host.ImportProjectsAsync($"{RegistryHeader}\nSafe\u202Egnp.exe,{TestAddresses.Recipient(5)},https://example.org/proof,2025-01-01\n");

        Assert.StartsWith("line 2, column name: character 5 is U+202E RIGHT-TO-LEFT OVERRIDE", Assert.Single(outcome.Errors).ToString(), StringComparison.Ordinal);
        Assert.Equal(["FFmpeg", "OpenCV"], (await Host.Projects.ListAsync(CancellationToken.None)).Select(p => p.Name));
    }

    [Fact]
    public async Task A_name_confusable_with_a_registered_one_is_refused()
    {
        // "FFmрeg" with U+0440 CYRILLIC SMALL LETTER ER: the same skeleton as the registered "FFmpeg".
        var outcome = await Host.ImportProjectsAsync($"{RegistryHeader}\nFFm\u0440eg,{TestAddresses.Recipient(5)},https://example.org/proof,2025-01-01\n");

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(
            "line 2, column name: project 'FFm\u0440eg' is confusable with the project 'FFmpeg' (character 4 is U+0440 CYRILLIC SMALL LETTER ER " +
            "where 'FFmpeg' has U+0070 LATIN SMALL LETTER P): if it is a different project, say so with the column distinct_from = FFmpeg",
            error.ToString());
        Assert.Equal(["FFmpeg", "OpenCV"], (await Host.Projects.ListAsync(CancellationToken.None)).Select(p => p.Name));
    }

    [Fact]
    public async Task Two_new_confusable_names_in_one_file_are_refused_too()
    {
        var outcome = await Host.ImportProjectsAsync(
            $"{RegistryHeader}\nrn-tools,{TestAddresses.Recipient(5)},https://example.org/a,2025-01-01\nm-tools,{TestAddresses.Recipient(6)},https://example.org/b,2025-01-01\n");

        Assert.Contains("project 'm-tools' is confusable with the project 'rn-tools'", Assert.Single(outcome.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confusable_name_marked_as_a_different_project_is_registered()
    {
        var marked = await Host.ImportProjectsAsync(
            $"{RegistryHeader},distinct_from\nFFm\u0440eg,{TestAddresses.Recipient(5)},https://example.org/proof,2025-01-01,FFmpeg\n");
        var wrongMarker = await Host.ImportProjectsAsync(
            $"{RegistryHeader},distinct_from\nOpenCV-contrib,{TestAddresses.Recipient(6)},https://example.org/proof,2025-01-01,FFmpeg\n");

        Assert.True(marked.Succeeded, string.Join('\n', marked.Errors));
        Assert.Contains("FFm\u0440eg", (await Host.Projects.ListAsync(CancellationToken.None)).Select(p => p.Name));
        Assert.Contains("'FFmpeg' is not a project confusable with 'OpenCV-contrib'", Assert.Single(wrongMarker.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_stored_nfc_so_one_name_typed_two_ways_is_one_project()
    {
        const string Decomposed = "Cafe\u0301", Composed = "Caf\u00E9";
        var registered = await Host.ImportProjectsAsync($"{RegistryHeader}\n{Decomposed},{TestAddresses.Recipient(7)},https://example.org/cafe,2024-01-01\n");
        var allocated = await Host.ImportCsvAsync(Csv(Row("cafe-1").With("project", Composed).With("recipient", TestAddresses.Recipient(7))));

        Assert.True(registered.Succeeded, string.Join('\n', registered.Errors));
        Assert.True(allocated.Succeeded, string.Join('\n', allocated.Errors));
        Assert.Contains(Composed, (await Host.Projects.ListAsync(CancellationToken.None)).Select(p => p.Name));
        Assert.Equal(Composed, (await Host.Allocations.GetAsync("cafe-1", CancellationToken.None))!.Project);
    }
}
