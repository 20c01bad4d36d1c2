using OssFunding.Worker.Demo;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Repository;

/// <summary>The demo writes data/demo/ under the clone's root whichever folder it was started from.</summary>
public sealed class RepositoryFolderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("src/OssFunding.Worker")]
    [InlineData("src/OssFunding.Worker/bin")]
    public void Started_anywhere_inside_the_clone_the_root_is_the_folder_of_the_solution(string start)
    {
        var root = WorkerBinary.RepositoryRoot;
        Assert.Equal(root, RepositoryFolder.Locate(Path.Combine(root, start), "/"));
    }

    [Fact]
    public void A_published_output_inside_the_clone_finds_the_root_from_the_binary()
    {
        var outside = Directory.CreateTempSubdirectory("ossfunding-cwd-").FullName;
        try
        {
            var published = Path.Combine(WorkerBinary.RepositoryRoot, "artifacts", "publish");
            Assert.Equal(WorkerBinary.RepositoryRoot, RepositoryFolder.Locate(outside, published));
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public void Outside_any_clone_it_falls_back_to_the_current_directory()
    {
        var outside = Directory.CreateTempSubdirectory("ossfunding-cwd-").FullName;
        try
        {
            Assert.Equal(outside, RepositoryFolder.Locate(outside, outside));
        }
        finally
        {
            Directory.Delete(outside);
        }
    }
}
