using PixelHolo.Core.Paths;
using PixelHolo.TestSupport;

namespace PixelHolo.Core.Tests.Paths;

public sealed class RuntimeOptionsTests
{
    [Fact]
    public void Paths_Root_AreAllUnderRootAndNothingIsCreated()
    {
        using var temp = new TempDirectory();
        var options = new RuntimeOptions { Directory = Path.Combine(temp.Path, "rt") };

        Assert.Equal(Path.Combine(temp.Path, "rt", "pixelholo.db"), options.DatabasePath);
        Assert.Equal(Path.Combine(temp.Path, "rt", "profiles"), options.ProfilesPath);
        Assert.Equal(Path.Combine(temp.Path, "rt", "staging"), options.StagingPath);
        Assert.False(Directory.Exists(options.Root), "Core names the folders; hosting creates them");
    }

    [Fact]
    public void ModelsPath_Override_WinsOverDefault()
    {
        var options = new RuntimeOptions { Directory = "/a", ModelsDirectory = "/b/models" };

        Assert.Equal("/b/models", options.ModelsPath);
    }

    [Fact]
    public void Directory_Default_IsThePlainRelativeNameTheHostReplaces()
    {
        var options = new RuntimeOptions();

        Assert.Equal("runtime", options.Directory); // no environment read, no folder walked: RuntimeLocator (hosting) does that
    }
}
