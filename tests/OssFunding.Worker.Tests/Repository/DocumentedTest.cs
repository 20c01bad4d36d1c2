using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Repository;

/// <summary>
/// A test that a page under docs/ links as [`Class.Method`](../tests/...cs). Pages that claim "this test holds that
/// rule" use it to check the claim still points at a real test: the file exists, declares the class and holds a method
/// of that name.
/// </summary>
internal sealed partial record DocumentedTest(string Class, string Method, string Path)
{
    /// <summary>Every test linked anywhere in the text.</summary>
    public static List<DocumentedTest> LinkedIn(string text) =>
        Link().Matches(text).Select(m => new DocumentedTest(m.Groups["class"].Value, m.Groups["method"].Value, m.Groups["path"].Value)).ToList();

    /// <summary>The test file on disk (links are relative to docs/).</summary>
    public string FullPath => System.IO.Path.GetFullPath(System.IO.Path.Combine(WorkerBinary.RepositoryRoot, "docs", Path));

    /// <summary>Why the linked test does not exist, or null when it does.</summary>
    public string? Problem()
    {
        if (!File.Exists(FullPath))
        {
            return "no such file";
        }

        var source = File.ReadAllText(FullPath);
        if (!Regex.IsMatch(source, $@"\b(class|record)\s+{Regex.Escape(Class)}\b"))
        {
            return $"the file declares no class {Class}";
        }

        return Regex.IsMatch(source, $@"\b(void|Task)\s+{Regex.Escape(Method)}\s*\(") ? null : $"the file has no method {Method}";
    }

    public override string ToString() => $"{Class}.{Method} ({Path})";

    [GeneratedRegex(@"\[`(?<class>\w+)\.(?<method>\w+)`\]\((?<path>[^)\s]+\.cs)\)")]
    private static partial Regex Link();
}
