using System.Text.RegularExpressions;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>
/// Issue 12: the protocol and pipeline suites run on every supported Safe version. These fail when a version is dropped
/// from the supported list, from the test matrix, or from the MultiSendCallOnly hashes, or when a test lists versions
/// by hand instead of reading the matrix.
/// </summary>
public sealed partial class SafeVersionMatrixTests
{
    [Fact]
    public void The_supported_versions_are_1_3_0_1_4_1_and_1_5_0()
    {
        Assert.Equal(["1.3.0", "1.4.1", "1.5.0"], SafeVersions.Supported.Select(v => v.ToVersionString()));
        Assert.Equal(SafeVersion.V150, SafeVersions.Current);
    }

    [Fact]
    public void The_test_matrix_is_the_supported_list()
    {
        Assert.Equal(SafeVersions.Supported, ((IEnumerable<object[]>)SafeVersionMatrix.All).Select(row => (SafeVersion)row[0]));
        // The slow end-to-end tests: the current release and the one before it.
        Assert.Equal([SafeVersion.V141, SafeVersion.V150], ((IEnumerable<object[]>)SafeVersionMatrix.CurrentAndPrevious).Select(row => (SafeVersion)row[0]));
    }

    [Fact]
    public void Every_supported_version_has_a_MultiSendCallOnly_code_hash_and_no_other_does()
    {
        Assert.Equal(
            SafeVersions.Supported.Select(v => v.ToVersionString()).Order(StringComparer.Ordinal),
            MultiSendCallOnlyCode.KnownHashes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_test_lists_safe_versions_by_hand()
    {
        var handListed = Directory.EnumerateFiles(RepositoryRoot.File("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => InlineVersion().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path))
            .ToList();

        Assert.True(handListed.Count == 0,
            $"Use [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))] instead of listing versions in InlineData in: {string.Join(", ", handListed)}");
    }

    [GeneratedRegex(@"\[InlineData\(SafeVersion\.")]
    private static partial Regex InlineVersion();
}
