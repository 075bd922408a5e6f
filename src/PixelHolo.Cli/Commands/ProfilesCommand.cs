using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo profiles list|show|delete</c>.</summary>
internal static class ProfilesCommand
{
    public static Command Create()
    {
        var command = new Command("profiles", "List, show and delete avatar profiles.");
        var list = new Command("list", "Every profile, newest first.");
        list.SetAction((_, ct) => CliHost.RunAsync(async c =>
        {
            using IHost host = CliHost.Build();
            IReadOnlyList<AvatarProfile> profiles = await host.Services.GetRequiredService<IProfileStore>().ListAsync(c);
            if (profiles.Count == 0) { Console.WriteLine("No profiles yet. Make one with `pixelholo enroll VIDEO` or the uploader page."); }
            foreach (AvatarProfile p in profiles)
            {
                Console.WriteLine($"{p.Id}  {p.Status.ToString().ToLowerInvariant(),-9}  {p.CreatedUtc:yyyy-MM-dd HH:mm}  {p.Name}");
            }
            return ExitCodes.Ok;
        }, ct));

        var id = new Argument<string>("id") { Description = "Profile id (see `pixelholo profiles list`)." };
        var show = new Command("show", "A profile's details and manifest.");
        show.Arguments.Add(id);
        show.SetAction((parse, ct) => CliHost.RunAsync(async c =>
        {
            using IHost host = CliHost.Build();
            AvatarProfile profile = await FindAsync(host, parse.GetRequiredValue(id), c);
            Console.WriteLine($"id:          {profile.Id}");
            Console.WriteLine($"name:        {profile.Name}");
            Console.WriteLine($"status:      {profile.Status.ToString().ToLowerInvariant()}");
            Console.WriteLine($"created:     {profile.CreatedUtc:u}");
            Console.WriteLine($"folder:      {profile.Folder}");
            Console.WriteLine($"personality: {(profile.Personality.Length == 0 ? "(none)" : profile.Personality)}");
            string manifest = Path.Combine(profile.Folder, "manifest.json");
            if (File.Exists(manifest)) { Console.WriteLine("manifest:"); Console.WriteLine(await File.ReadAllTextAsync(manifest, c)); }
            return ExitCodes.Ok;
        }, ct));

        var delete = new Command("delete", "Delete a profile and its files.");
        delete.Arguments.Add(id);
        delete.SetAction((parse, ct) => CliHost.RunAsync(async c =>
        {
            using IHost host = CliHost.Build();
            string profileId = parse.GetRequiredValue(id);
            if (!await host.Services.GetRequiredService<IProfileStore>().DeleteAsync(profileId, c))
            {
                throw new CliInputException($"There is no profile '{profileId}'. See `pixelholo profiles list`.");
            }
            Console.WriteLine($"Deleted {profileId}.");
            return ExitCodes.Ok;
        }, ct));

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(delete);
        return command;
    }

    internal static async Task<AvatarProfile> FindAsync(IHost host, string id, CancellationToken cancellationToken) =>
        await host.Services.GetRequiredService<IProfileStore>().FindAsync(id, cancellationToken)
        ?? throw new CliInputException($"There is no profile '{id}'. See `pixelholo profiles list`.");
}
