using OssFunding.Safe.Transactions;
using Xunit;

namespace OssFunding.TestSupport;

/// <summary>
/// The Safe versions version-parameterised tests run on, read from <see cref="SafeVersions.Supported"/> so a version
/// the worker supports cannot go untested (SafeVersionMatrixTests holds both lists). Use
/// <c>[MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]</c>.
/// </summary>
public static class SafeVersionMatrix
{
    public static TheoryData<SafeVersion> All => [.. SafeVersions.Supported];

    /// <summary>
    /// For the slow end-to-end tests (a real worker process each, 10–20 s): the current release and the one before it,
    /// which is what new and existing Safes run. The fast protocol and pipeline tests take <see cref="All"/>.
    /// </summary>
    public static TheoryData<SafeVersion> CurrentAndPrevious => [.. SafeVersions.Supported.TakeLast(2)];
}
