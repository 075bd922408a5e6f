using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Tests.Sqlite;

public sealed class ShortIdTests
{
    [Fact]
    public void New_ManyIds_AreTwelveUrlSafeCharactersAndDistinct()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => ShortId.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-z2-7]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("ABC")]
    public void IsValid_PathLikeOrEmpty_IsFalse(string id) => Assert.False(ShortId.IsValid(id));
}
