namespace PixelHolo.Storage.Tests.Folders;

public sealed class ProfileFoldersTests
{
    [Fact]
    public async Task Commit_FinishedStaging_MovesWholeFolderIntoPlace()
    {
        using var context = new StorageTestContext();
        string staging = context.Folders.CreateStaging("abc123");
        Directory.CreateDirectory(Path.Combine(staging, "voice"));
        await File.WriteAllTextAsync(Path.Combine(staging, "voice", "reference.txt"), "hello");

        string final = context.Folders.Commit(staging, "abc123");

        Assert.Equal(Path.Combine(context.Runtime.ProfilesPath, "abc123"), final);
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(final, "voice", "reference.txt")));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void Commit_FinalAlreadyExists_ThrowsAndKeepsBoth()
    {
        using var context = new StorageTestContext();
        context.Folders.Commit(context.Folders.CreateStaging("abc123"), "abc123");
        string second = context.Folders.CreateStaging("abc123");

        Assert.Throws<IOException>(() => context.Folders.Commit(second, "abc123"));

        Assert.True(Directory.Exists(second));
        Assert.True(Directory.Exists(context.Folders.PathOf("abc123")));
    }

    [Fact]
    public void Discard_FolderOutsideStaging_ThrowsAndDeletesNothing()
    {
        using var context = new StorageTestContext();
        string final = context.Folders.Commit(context.Folders.CreateStaging("abc123"), "abc123");

        Assert.Throws<ArgumentException>(() => context.Folders.Discard(final));

        Assert.True(Directory.Exists(final));
    }

    [Fact]
    public void Discard_MissingFolder_DoesNotThrow()
    {
        using var context = new StorageTestContext();
        string staging = context.Folders.CreateStaging("abc123");
        context.Folders.Discard(staging);

        context.Folders.Discard(staging);

        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void DiscardAllStaging_TwoLeftovers_RemovesBothAndCountsThem()
    {
        using var context = new StorageTestContext();
        context.Folders.CreateStaging("one");
        context.Folders.CreateStaging("two");

        Assert.Equal(2, context.Folders.DiscardAllStaging());
        Assert.Empty(Directory.EnumerateFileSystemEntries(context.Runtime.StagingPath));
        Assert.Equal(0, context.Folders.DiscardAllStaging());
    }

    [Fact]
    public void PathOf_PathTraversalId_Throws()
    {
        using var context = new StorageTestContext();

        Assert.Throws<ArgumentException>(() => context.Folders.PathOf("../../etc"));
    }
}
