using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Repository;

/// <summary>
/// docs/security.md maps each threat to the tests that cover it and says whether the defence holds. A renamed or
/// deleted test would leave a threat claimed as covered but unchecked, and a row saying "holds" with no test would be
/// a claim nobody checks; so every actor of the threat model has its table, every linked test exists, a row that
/// holds links at least one test, and a row that does not hold says it is a gap and what is missing.
/// </summary>
public sealed partial class SecurityDocumentTests
{
    /// <summary>The actors of SPEC §14's threat model, plus the one with the database.</summary>
    private static readonly string[] Actors =
        ["Operator", "Signer", "Executor key holder", "API caller", "RPC provider", "Transaction Service", "Report reader", "Someone with the database"];

    private static readonly string DocumentPath = Path.Combine(WorkerBinary.RepositoryRoot, "docs", "security.md");

    [Fact]
    public void Every_actor_has_a_section_with_a_threat_table()
    {
        var sections = Sections(File.ReadAllText(DocumentPath));
        var missing = Actors.Where(actor => !sections.TryGetValue(actor, out var body) || ThreatRows(body).Count == 0).ToList();
        Assert.True(missing.Count == 0, $"docs/security.md has no threat table for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_linked_test_exists_as_a_method_of_its_class_in_the_linked_file()
    {
        var missing = DocumentedTest.LinkedIn(File.ReadAllText(DocumentPath))
            .Select(test => (test, problem: test.Problem()))
            .Where(result => result.problem is not null)
            .Select(result => $"{result.test}: {result.problem}")
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void A_row_that_holds_links_a_test_and_any_other_row_is_a_gap_saying_what_is_missing()
    {
        var wrong = Sections(File.ReadAllText(DocumentPath)).Values
            .SelectMany(ThreatRows)
            .Select(row => (row, problem: RowProblem(row)))
            .Where(result => result.problem is not null)
            .Select(result => $"'{result.row.Threat}': {result.problem}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void The_row_check_notices_an_unbacked_claim_and_a_gap_without_a_reason()
    {
        Assert.Null(RowProblem(new ThreatRow("t", "[`A.B`](../tests/A.cs)", "holds")));
        Assert.NotNull(RowProblem(new ThreatRow("t", "none", "holds")));
        Assert.Null(RowProblem(new ThreatRow("t", "none yet", "gap: no test yet edits the nonce")));
        Assert.NotNull(RowProblem(new ThreatRow("t", "none yet", "gap")));
        Assert.NotNull(RowProblem(new ThreatRow("t", "[`A.B`](../tests/A.cs)", "fine")));
    }

    private static string? RowProblem(ThreatRow row)
    {
        if (row.Result == "holds")
        {
            return DocumentedTest.LinkedIn(row.CoveredBy).Count > 0 ? null : "says it holds but links no test";
        }

        return GapWithReason().IsMatch(row.Result) ? null : $"result '{row.Result}' is neither 'holds' nor 'gap: what is missing'";
    }

    /// <summary>Body of each "## Title" section, up to the next level-two heading.</summary>
    private static Dictionary<string, string> Sections(string text) =>
        SectionHeading().Matches(text).ToDictionary(match => match.Groups["title"].Value.Trim(), match => match.Groups["body"].Value);

    /// <summary>The rows of a "| Threat | Covered by | Result |" table, without its header and rule lines.</summary>
    private static List<ThreatRow> ThreatRows(string section) =>
        section.Split('\n')
            .Where(line => line.StartsWith('|') && !line.StartsWith("| Threat ", StringComparison.Ordinal) && !line.StartsWith("|---", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split(" | "))
            .Where(cells => cells.Length == 3)
            .Select(cells => new ThreatRow(cells[0].Trim(), cells[1].Trim(), cells[2].Trim()))
            .ToList();

    private sealed record ThreatRow(string Threat, string CoveredBy, string Result);

    [GeneratedRegex(@"^## (?<title>.+)$(?<body>(?:\n(?!## ).*)*)", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^gap: \S.{10,}$")]
    private static partial Regex GapWithReason();
}
