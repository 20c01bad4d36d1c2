using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Repository;

/// <summary>
/// The repository is self-contained (SPEC §12): every link in the README and docs/ resolves to a file of the clone,
/// or is an https link to a public page; nothing points at the folder outside it where the spec was kept.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in DocumentPaths())
        {
            data.Add(Path.GetRelativePath(WorkerBinary.RepositoryRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_link_resolves_inside_the_repository_or_is_a_public_https_page(string document)
    {
        var path = Path.Combine(WorkerBinary.RepositoryRoot, document);
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("../shared", text, StringComparison.Ordinal);

        var broken = Links(text, isHtml: path.EndsWith(".html", StringComparison.Ordinal))
            .Select(link => (link, problem: Problem(path, link)))
            .Where(result => result.problem is not null)
            .Select(result => $"{result.link}: {result.problem}")
            .ToList();
        Assert.True(broken.Count == 0, $"{document}:{Environment.NewLine}{string.Join(Environment.NewLine, broken)}");
    }

    [Fact]
    public void The_product_contract_a_user_needs_is_in_docs_and_linked_from_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(WorkerBinary.RepositoryRoot, "README.md"));
        foreach (var document in new[] { "docs/product.md", "docs/configuration.md", "docs/api.md", "docs/cli.md", "docs/report-schema.json" })
        {
            Assert.True(File.Exists(Path.Combine(WorkerBinary.RepositoryRoot, document)), $"{document} is missing");
            Assert.Contains($"({document})", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_link_checker_notices_a_link_that_leaves_the_repository()
    {
        var readme = Path.Combine(WorkerBinary.RepositoryRoot, "README.md");
        Assert.NotNull(Problem(readme, "../shared/SPEC.md"));
        Assert.NotNull(Problem(readme, "docs/no-such-file.md"));
        Assert.NotNull(Problem(readme, "http://example.org/"));
        Assert.NotNull(Problem(readme, "https://127.0.0.1:8080/"));
        Assert.Null(Problem(readme, "docs/cli.md#exit-codes"));
        Assert.Null(Problem(readme, "https://docs.safe.global/"));
        Assert.Equal(["docs/a.md", "https://x.example/"], Links("[a](docs/a.md) `[b](c.md)` <https://x.example/>\n```\n[d](e.md)\n```", isHtml: false));
    }

    private static IEnumerable<string> DocumentPaths()
    {
        yield return Path.Combine(WorkerBinary.RepositoryRoot, "README.md");
        var docs = Path.Combine(WorkerBinary.RepositoryRoot, "docs");
        foreach (var file in Directory.EnumerateFiles(docs, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".md", StringComparison.Ordinal) || file.EndsWith(".html", StringComparison.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>Markdown links and autolinks outside code, or href/src attributes of an HTML document.</summary>
    private static List<string> Links(string text, bool isHtml)
    {
        if (isHtml)
        {
            return HtmlLink().Matches(text).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value)).ToList();
        }

        var prose = InlineCode().Replace(FencedCode().Replace(text, ""), "");
        return MarkdownLink().Matches(prose).Select(m => m.Groups["url"].Success ? m.Groups["url"].Value : m.Groups["auto"].Value).ToList();
    }

    /// <summary>Why a link is not acceptable, or null when it is.</summary>
    private static string? Problem(string document, string link)
    {
        if (link.StartsWith('#') || link.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return null;
        }

        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && !link.StartsWith('/'))
        {
            if (absolute.Scheme != Uri.UriSchemeHttps)
            {
                return "only https links to public pages may leave the repository";
            }

            return absolute.IsLoopback || absolute.Host.EndsWith(".local", StringComparison.Ordinal) ? "not a public page" : null;
        }

        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(link.Split('#', '?')[0])));
        var root = WorkerBinary.RepositoryRoot.TrimEnd('/') + "/";
        if (!target.StartsWith(root, StringComparison.Ordinal))
        {
            return "points outside the repository";
        }

        return File.Exists(target) || Directory.Exists(target) ? null : "no such file in the repository";
    }

    [GeneratedRegex(@"^(```|~~~).*?^\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<url>[^)\s]+)(\s+""[^""]*"")?\)|<(?<auto>https?://[^>\s]+)>")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\b(?:href|src)\s*=\s*""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();
}
