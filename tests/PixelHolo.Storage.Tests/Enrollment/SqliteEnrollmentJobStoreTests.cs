using PixelHolo.Core.Profiles;

namespace PixelHolo.Storage.Tests.Enrollment;

public sealed class SqliteEnrollmentJobStoreTests
{
    [Fact]
    public async Task UpdateProgressAsync_QueuedJob_BecomesRunningWithStageAndProgress()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        var job = await context.Jobs.CreateAsync(profile.Id, "/uploads/ada.mp4");
        context.Time.Advance(TimeSpan.FromSeconds(5));

        await context.Jobs.UpdateProgressAsync(job.Id, new EnrollmentProgress("frames", 0.5, 0.4, TimeSpan.FromSeconds(20)));

        var found = await context.Jobs.FindAsync(job.Id);
        Assert.NotNull(found);
        Assert.Equal(EnrollmentJobState.Running, found.State);
        Assert.Equal("frames", found.Stage);
        Assert.Equal(0.4, found.Progress, 6);
        Assert.Equal(job.CreatedUtc, found.CreatedUtc);
        Assert.Equal(job.CreatedUtc + TimeSpan.FromSeconds(5), found.UpdatedUtc);
    }

    [Fact]
    public async Task CompleteAsync_Succeeded_IsFinishedAtFullProgressAndNoLongerUnfinished()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        var done = await context.Jobs.CreateAsync(profile.Id, "/a.mp4");
        var pending = await context.Jobs.CreateAsync(profile.Id, "/b.mp4");

        await context.Jobs.CompleteAsync(done.Id, EnrollmentJobState.Succeeded, null);

        var found = await context.Jobs.FindAsync(done.Id);
        Assert.Equal(EnrollmentJobState.Succeeded, found!.State);
        Assert.Equal(1.0, found.Progress);
        Assert.Equal([pending.Id], (await context.Jobs.ListUnfinishedAsync()).Select(j => j.Id));
    }

    [Fact]
    public async Task CompleteAsync_FailedWithError_StoresTheError()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        var job = await context.Jobs.CreateAsync(profile.Id, "/a.mp4");

        await context.Jobs.CompleteAsync(job.Id, EnrollmentJobState.Failed, "No face found — upload a clip facing the camera.");

        var found = await context.Jobs.FindAsync(job.Id);
        Assert.Equal(EnrollmentJobState.Failed, found!.State);
        Assert.Equal("No face found — upload a clip facing the camera.", found.Error);
    }

    [Fact]
    public async Task UpdateProgressAsync_FinishedJob_ThrowsAndDoesNotReopen()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        var job = await context.Jobs.CreateAsync(profile.Id, "/a.mp4");
        await context.Jobs.CompleteAsync(job.Id, EnrollmentJobState.Cancelled, null);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Jobs.UpdateProgressAsync(job.Id, new EnrollmentProgress("late", 1, 1, null)));

        Assert.Equal(EnrollmentJobState.Cancelled, (await context.Jobs.FindAsync(job.Id))!.State);
    }

    [Fact]
    public async Task CompleteAsync_FailedWithoutError_ThrowsArgumentException()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        var job = await context.Jobs.CreateAsync(profile.Id, "/a.mp4");

        await Assert.ThrowsAsync<ArgumentException>(() => context.Jobs.CompleteAsync(job.Id, EnrollmentJobState.Failed, " "));
    }

    [Fact]
    public async Task CreateAsync_UnknownProfile_ThrowsKeyNotFound()
    {
        using var context = new StorageTestContext();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => context.Jobs.CreateAsync("nosuchprofile", "/a.mp4"));
    }
}
