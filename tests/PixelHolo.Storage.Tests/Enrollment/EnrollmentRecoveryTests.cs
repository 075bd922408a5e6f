using PixelHolo.Core.Profiles;
using PixelHolo.Storage.Enrollment;
using PixelHolo.TestSupport;

namespace PixelHolo.Storage.Tests.Enrollment;

public sealed class EnrollmentRecoveryTests
{
    [Fact]
    public async Task RecoverAsync_AfterAKillMidEnrollment_FailsJobAndProfileAndLeavesNoHalfProfile()
    {
        using var folder = new TempDirectory("pixelholo-storage");
        string runningJob, queuedJob, runningProfile, readyProfile, committedButNotReady;
        // Arrange: the "killed" process: jobs left Running/Queued, a half-built staging folder, and a profile whose folder
        // was committed but which was never marked ready. Its objects are simply abandoned, as a kill would.
        var killed = new StorageTestContext(folder);
        {
            var ready = await killed.Profiles.CreateAsync("ready", "");
            string readyFolder = killed.Folders.Commit(killed.Folders.CreateStaging(ready.Id), ready.Id);
            await killed.Profiles.MarkReadyAsync(ready.Id, readyFolder);
            readyProfile = ready.Id;

            var running = await killed.Profiles.CreateAsync("running", "");
            runningProfile = running.Id;
            runningJob = (await killed.Jobs.CreateAsync(running.Id, "/a.mp4")).Id;
            await killed.Jobs.UpdateProgressAsync(runningJob, new EnrollmentProgress("frames", 0.3, 0.3, null));
            string staging = killed.Folders.CreateStaging(running.Id);
            await File.WriteAllBytesAsync(Path.Combine(staging, "frame_0001.jpg"), new byte[100]);

            var committed = await killed.Profiles.CreateAsync("committed", "");
            committedButNotReady = committed.Id;
            queuedJob = (await killed.Jobs.CreateAsync(committed.Id, "/b.mp4")).Id;
            killed.Folders.Commit(killed.Folders.CreateStaging(committed.Id), committed.Id);
        }

        // Act: the next start.
        using var restarted = new StorageTestContext(folder);
        EnrollmentRecoveryResult result = await restarted.Recovery.RecoverAsync();

        // Assert
        Assert.Equal(new EnrollmentRecoveryResult(JobsFailed: 2, ProfilesFailed: 2, StagingFoldersRemoved: 1), result);
        foreach (string jobId in new[] { runningJob, queuedJob })
        {
            var job = await restarted.Jobs.FindAsync(jobId);
            Assert.Equal(EnrollmentJobState.Failed, job!.State);
            Assert.Equal(EnrollmentRecovery.InterruptedMessage, job.Error);
            Assert.Contains("Upload the video again", job.Error, StringComparison.Ordinal);
        }
        Assert.Equal(ProfileStatus.Failed, (await restarted.Profiles.FindAsync(runningProfile))!.Status);
        Assert.Equal(ProfileStatus.Failed, (await restarted.Profiles.FindAsync(committedButNotReady))!.Status);
        Assert.Equal(ProfileStatus.Ready, (await restarted.Profiles.FindAsync(readyProfile))!.Status);
        Assert.Empty(await restarted.Jobs.ListUnfinishedAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(restarted.Runtime.StagingPath));
        Assert.False(Directory.Exists(restarted.Folders.PathOf(runningProfile)));
        Assert.False(Directory.Exists(restarted.Folders.PathOf(committedButNotReady)));
        Assert.True(Directory.Exists(restarted.Folders.PathOf(readyProfile)));
        killed.Database.Dispose();
    }

    [Fact]
    public async Task RecoverAsync_CleanStart_ChangesNothing()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        await context.Profiles.MarkFailedAsync(profile.Id);

        var result = await context.Recovery.RecoverAsync();

        Assert.Equal(new EnrollmentRecoveryResult(0, 0, 0), result);
    }
}
