using PixelHolo.Core.Paths;
using PixelHolo.TestSupport;

namespace PixelHolo.Core.Tests.Paths;

public sealed class RuntimeOptionsTests
{
    [Fact]
    public void EnsureCreated_FreshFolder_CreatesLayoutAndPathsAreUnderRoot()
    {
        using var temp = new TempDirectory();
        var options = new RuntimeOptions { Directory = Path.Combine(temp.Path, "rt") };

        options.EnsureCreated();

        Assert.True(Directory.Exists(options.ProfilesPath));
        Assert.True(Directory.Exists(options.StagingPath));
        Assert.True(Directory.Exists(options.ModelsPath));
        Assert.Equal(Path.Combine(temp.Path, "rt", "pixelholo.db"), options.DatabasePath);
    }

    [Fact]
    public void ModelsPath_Override_WinsOverDefault()
    {
        var options = new RuntimeOptions { Directory = "/a", ModelsDirectory = "/b/models" };

        Assert.Equal("/b/models", options.ModelsPath);
    }

    [Fact]
    public void FindRepositoryRoot_FromTestFolder_FindsSolution()
    {
        string? root = RuntimeLocator.FindRepositoryRoot();

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "PixelHolo.slnx")));
    }
}
