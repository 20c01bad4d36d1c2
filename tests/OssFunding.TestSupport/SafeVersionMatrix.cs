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
}
