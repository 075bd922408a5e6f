using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;

namespace PixelHolo.Storage.Tests.Profiles;

public sealed class SqliteProfileStoreTests
{
    [Fact]
    public async Task CreateAsync_NameAndPersonality_IsFoundEnrollingWithCreationTime()
    {
        using var context = new StorageTestContext();

        AvatarProfile created = await context.Profiles.CreateAsync("  Zoë Ångström ", "Warm, speaks slowly.\nLoves sailing.");
        AvatarProfile? found = await context.Profiles.FindAsync(created.Id);

        Assert.NotNull(found);
        Assert.Equal("Zoë Ångström", found.Name);
        Assert.Equal("Warm, speaks slowly.\nLoves sailing.", found.Personality);
        Assert.Equal(ProfileStatus.Enrolling, found.Status);
        Assert.Equal(context.Time.GetUtcNow(), found.CreatedUtc);
        Assert.Equal("", found.Folder);
    }

    [Fact]
    public async Task ListAsync_ThreeProfiles_NewestFirst()
    {
        using var context = new StorageTestContext();
        var a = await context.Profiles.CreateAsync("a", "");
        context.Time.Advance(TimeSpan.FromMinutes(1));
        var b = await context.Profiles.CreateAsync("b", "");
        context.Time.Advance(TimeSpan.FromMinutes(1));
        var c = await context.Profiles.CreateAsync("c", "");

        var list = await context.Profiles.ListAsync();

        Assert.Equal([c.Id, b.Id, a.Id], list.Select(p => p.Id));
    }

    [Fact]
    public async Task MarkReadyAsync_CommittedFolder_StoresReadyAndFolder()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        string staging = context.Folders.CreateStaging(profile.Id);
        await File.WriteAllTextAsync(Path.Combine(staging, "manifest.json"), "{}");
        string final = context.Folders.Commit(staging, profile.Id);

        await context.Profiles.MarkReadyAsync(profile.Id, final);

        var found = await context.Profiles.FindAsync(profile.Id);
        Assert.Equal(ProfileStatus.Ready, found!.Status);
        Assert.Equal(final, found.Folder);
    }

    [Fact]
    public async Task MarkReadyAsync_FolderMissing_ThrowsAndKeepsEnrolling()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => context.Profiles.MarkReadyAsync(profile.Id, context.Folders.PathOf(profile.Id)));

        Assert.Equal(ProfileStatus.Enrolling, (await context.Profiles.FindAsync(profile.Id))!.Status);
    }

    [Fact]
    public async Task MarkFailedAsync_UnknownProfile_ThrowsKeyNotFound()
    {
        using var context = new StorageTestContext();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => context.Profiles.MarkFailedAsync("nosuchprofile"));
    }

    [Fact]
    public async Task DeleteAsync_ProfileWithJobConversationAndFolder_RemovesRowsAndFolder()
    {
        using var context = new StorageTestContext();
        var keep = await context.Profiles.CreateAsync("keep", "");
        var profile = await context.Profiles.CreateAsync("Ada", "");
        var job = await context.Jobs.CreateAsync(profile.Id, "/uploads/ada.mp4");
        string conversation = await context.Conversations.StartAsync(profile.Id);
        await context.Conversations.AddTurnAsync(conversation,
            new TurnRecord("hi", "hello", null, new Dictionary<string, double> { ["llm"] = 0.5 }, context.Time.GetUtcNow()));
        string staging = context.Folders.CreateStaging(profile.Id);
        await File.WriteAllTextAsync(Path.Combine(staging, "still.jpg"), "x");
        string final = context.Folders.Commit(staging, profile.Id);
        await context.Profiles.MarkReadyAsync(profile.Id, final);

        bool deleted = await context.Profiles.DeleteAsync(profile.Id);

        Assert.True(deleted);
        Assert.Null(await context.Profiles.FindAsync(profile.Id));
        Assert.Null(await context.Jobs.FindAsync(job.Id));
        Assert.Empty(await context.Conversations.GetTurnsAsync(conversation));
        Assert.False(Directory.Exists(final));
        Assert.Empty(Directory.EnumerateFileSystemEntries(context.Runtime.StagingPath));
        Assert.NotNull(await context.Profiles.FindAsync(keep.Id));
    }

    [Fact]
    public async Task DeleteAsync_UnknownProfile_ReturnsFalse()
    {
        using var context = new StorageTestContext();

        Assert.False(await context.Profiles.DeleteAsync("nosuchprofile"));
    }
}
