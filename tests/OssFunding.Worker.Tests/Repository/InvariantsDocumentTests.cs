using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Repository;

/// <summary>
/// docs/invariants.md maps each of the eight SPEC §2 invariants to the tests that hold it. A renamed or deleted test
/// would silently leave an invariant claimed but unchecked, so every test it lists must exist: the file, the class
/// declared in it and a method of that name. Each section lists at least one test, and one of its test files names the
/// invariant number ("invariant N"), so the link also reads from the test side.
/// </summary>
public sealed partial class InvariantsDocumentTests
{
    private const int InvariantCount = 8;

    private static readonly string DocumentPath = Path.Combine(WorkerBinary.RepositoryRoot, "docs", "invariants.md");

    [Fact]
    public void Every_invariant_has_a_section_that_lists_tests()
    {
        var sections = Sections(File.ReadAllText(DocumentPath));
        Assert.Equal(Enumerable.Range(1, InvariantCount), sections.Keys.Order());
        foreach (var (number, body) in sections)
        {
            Assert.True(ListedTests(body).Count > 0, $"docs/invariants.md section {number} lists no test");
        }
    }

    [Fact]
    public void Every_listed_test_exists_as_a_method_of_its_class_in_the_linked_file()
    {
        var missing = Sections(File.ReadAllText(DocumentPath))
            .SelectMany(section => ListedTests(section.Value).Select(test => (section.Key, test, problem: test.Problem())))
            .Where(result => result.problem is not null)
            .Select(result => $"section {result.Key}: {result.test}: {result.problem}")
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Each_invariant_is_named_in_one_of_its_tests()
    {
        var unnamed = Sections(File.ReadAllText(DocumentPath))
            .Where(section => !ListedTests(section.Value)
                .Select(test => test.FullPath)
                .Where(File.Exists)
                .Any(file => NamesInvariant(File.ReadAllText(file), section.Key)))
            .Select(section => section.Key)
            .ToList();
        Assert.True(unnamed.Count == 0, $"no listed test names invariant(s) {string.Join(", ", unnamed)} in its name or comments");
    }

    [Fact]
    public void The_checks_notice_a_test_that_does_not_exist()
    {
        const string Self = "../tests/OssFunding.Worker.Tests/Repository/InvariantsDocumentTests.cs";
        Assert.Null(new DocumentedTest(nameof(InvariantsDocumentTests), nameof(Every_invariant_has_a_section_that_lists_tests), Self).Problem());
        Assert.NotNull(new DocumentedTest(nameof(InvariantsDocumentTests), "Every_invariant_has_a_sectoin", Self).Problem());
        Assert.NotNull(new DocumentedTest("InvariantsDocumentTest", nameof(Every_invariant_has_a_section_that_lists_tests), Self).Problem());
        Assert.NotNull(new DocumentedTest(nameof(InvariantsDocumentTests), nameof(Every_invariant_has_a_section_that_lists_tests), "../tests/NoSuch.cs").Problem());
        Assert.True(NamesInvariant("/// SPEC §2 invariant 3 (chain is the truth)", 3));
        Assert.False(NamesInvariant("/// SPEC §2 invariant 13", 1));
    }

    /// <summary>Body of each "## N. Title" section, up to the next level-two heading.</summary>
    private static Dictionary<int, string> Sections(string text) =>
        SectionHeading().Matches(text).ToDictionary(
            match => int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match => match.Groups["body"].Value);

    private static List<DocumentedTest> ListedTests(string section) => DocumentedTest.LinkedIn(section);

    private static bool NamesInvariant(string source, int number) =>
        Regex.IsMatch(source, $@"\binvariant {number}\b", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"^## (?<number>\d+)\. .*$(?<body>(?:\n(?!## ).*)*)", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();
}
