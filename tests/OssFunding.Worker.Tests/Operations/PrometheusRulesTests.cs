using System.Diagnostics;
using System.Text.RegularExpressions;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Operations;

/// <summary>
/// deploy/prometheus: the rules load and pass their unit tests under promtool (Debian's prometheus package, installed
/// by scripts/test.sh), every alert has tests and a runbook section, and the rules use only series the worker exports.
/// </summary>
public sealed partial class PrometheusRulesTests
{
    private static readonly string Root = WorkerBinary.RepositoryRoot;
    private static readonly string Rules = Path.Combine(Root, "deploy/prometheus/alerts.yml");

    [Fact]
    public void Promtool_accepts_the_rules_and_the_prometheus_config()
    {
        AssertPromtool("check", "rules", Rules);
        AssertPromtool("check", "config", Path.Combine(Root, "deploy/prometheus/prometheus.yml"));
    }

    [Fact]
    public void Promtool_unit_tests_of_the_rules_pass()
    {
        AssertPromtool("test", "rules", Path.Combine(Root, "deploy/prometheus/alerts.test.yml"));
    }

    [Fact]
    public void Every_alert_has_a_unit_test_and_a_runbook_section()
    {
        var tests = File.ReadAllText(Path.Combine(Root, "deploy/prometheus/alerts.test.yml"));
        var guide = File.ReadAllText(Path.Combine(Root, "docs/operations.md"));
        var alerts = AlertNames();
        Assert.True(alerts.Count >= 10, $"only {alerts.Count} alerts");
        foreach (var alert in alerts)
        {
            Assert.Matches($@"alertname:\s*{alert}\s*\n\s*exp_alerts:\s*\n\s*- exp_labels", tests);
            Assert.Matches(new Regex($@"^#+\s+{alert}\s*$", RegexOptions.Multiline), guide);
        }
    }

    [Fact]
    public void Rules_use_only_metrics_the_worker_defines()
    {
        var defined = DefinedMetrics();
        var used = UsedMetrics();
        Assert.NotEmpty(used);
        // `up` is the scrape health Prometheus itself records for every target.
        var unknown = used.Where(name => name != "up" && !defined.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"alerts.yml uses metrics the worker does not export: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Rules_name_only_notice_kinds_and_transaction_statuses_that_exist()
    {
        var text = File.ReadAllText(Rules);
        var kinds = Enum.GetNames<NoticeKind>();
        var statuses = Enum.GetNames<TransactionStatus>();
        foreach (Match match in LabelMatcher().Matches(text))
        {
            var known = match.Groups["label"].Value == "kind" ? kinds : statuses;
            foreach (var value in match.Groups["value"].Value.Split('|'))
            {
                Assert.True(known.Contains(value), $"{match.Value}: '{value}' is no {match.Groups["label"].Value} the worker reports");
            }
        }
    }

    [Fact]
    public void The_metric_extraction_sees_through_labels_ranges_and_groupings()
    {
        Assert.Equal(["a_total", "b"],
            MetricsIn("""sum by (job, instance) (rate(a_total{result="ok"}[5m])) > 0 unless on (job) max without (x) (b) == 1 and bool 3 * 86400"""));
        Assert.Contains("ossfunding_budget_remaining", DefinedMetrics());
        Assert.DoesNotContain("ossfunding_no_such_metric", DefinedMetrics());
    }

    /// <summary>Runs promtool (Debian's prometheus package) and fails the test with its output unless it exits 0.</summary>
    internal static void AssertPromtool(params string[] arguments)
    {
        var promtool = FindOnPath("promtool")
            ?? throw new Xunit.Sdk.XunitException("promtool not found on PATH: install Debian's prometheus package (scripts/test.sh does)");
        var start = new ProcessStartInfo(promtool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output.Result}\n{errors.Result}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    private static List<string> AlertNames() =>
        AlertLine().Matches(File.ReadAllText(Rules)).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>Names passed to prometheus-net's Create* calls anywhere in src/ (every metric the worker can export).</summary>
    internal static HashSet<string> DefinedMetrics() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => MetricDefinition().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> UsedMetrics()
    {
        var expressions = ExprBlock().Matches(File.ReadAllText(Rules)).Select(m => m.Groups["expr"].Value);
        return expressions.SelectMany(MetricsIn).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Identifiers of a PromQL expression that are series names: not functions, keywords or label lists.</summary>
    internal static List<string> MetricsIn(string expression)
    {
        var plain = Grouping().Replace(Brackets().Replace(Quoted().Replace(expression, ""), ""), "");
        string[] keywords = ["and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool"];
        return Identifier().Matches(plain).Select(m => m.Value).Where(name => !keywords.Contains(name)).Distinct().ToList();
    }

    [GeneratedRegex(@"Create(?:Counter|Gauge|Histogram|Summary)\(\s*""(?<name>ossfunding_[a-z0-9_]+)""")]
    private static partial Regex MetricDefinition();

    [GeneratedRegex(@"^\s*- alert:\s*(?<name>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();

    // The expr of each rule: one line, or a block scalar (`|`) up to the next key of the rule.
    [GeneratedRegex(@"^\s+expr:\s*(?:\|\s*\n(?<expr>(?:[ \t]{10,}.*\n?)+)|(?<expr>.+))$", RegexOptions.Multiline)]
    private static partial Regex ExprBlock();

    [GeneratedRegex(@"(?<label>kind|status)=~?""(?<value>[^""]+)""")]
    private static partial Regex LabelMatcher();

    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w:.])[a-zA-Z_:][\w:]*\b(?!\s*\()")]
    private static partial Regex Identifier();
}
