using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Enrollment;
using PixelHolo.TestSupport;

namespace PixelHolo.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddStorage_RuntimeDirectoryFromConfiguration_StoresThereEndToEnd()
    {
        using var folder = new TempDirectory("pixelholo-storage");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:Directory"] = folder.Path });
        builder.Services.AddStorage();
        using IHost host = builder.Build();
        await host.StartAsync();

        var recovery = host.Services.GetRequiredService<IEnrollmentRecovery>();
        Assert.Equal(new EnrollmentRecoveryResult(0, 0, 0), await recovery.RecoverAsync());
        var profiles = host.Services.GetRequiredService<IProfileStore>();
        var folders = host.Services.GetRequiredService<IProfileFolders>();
        var profile = await profiles.CreateAsync("Ada", "");
        string final = folders.Commit(folders.CreateStaging(profile.Id), profile.Id);
        await profiles.MarkReadyAsync(profile.Id, final);

        Assert.True(File.Exists(Path.Combine(folder.Path, "pixelholo.db")));
        Assert.Equal(Path.Combine(folder.Path, "profiles", profile.Id), final);
        Assert.Equal(ProfileStatus.Ready, (await profiles.FindAsync(profile.Id))!.Status);
        await host.StopAsync();
    }
}
