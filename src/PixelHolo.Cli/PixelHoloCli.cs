using System.CommandLine;
using PixelHolo.Cli.Commands;

namespace PixelHolo.Cli;

/// <summary>The <c>pixelholo</c> command: one subcommand per file in Commands/.</summary>
public static class PixelHoloCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("PixelHolo: turn a talking-head video into a conversational holographic avatar.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(EnrollCommand.Create());
        root.Subcommands.Add(ChatCommand.Create());
        root.Subcommands.Add(ProfilesCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(IntentCommand.Create());
        root.Subcommands.Add(MatteCommand.Create());
        root.Subcommands.Add(TrackCommand.Create());
        root.Subcommands.Add(MountSimCommand.Create());
        root.Subcommands.Add(LipSyncCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(SayCommand.Create());
        root.Subcommands.Add(TranscribeCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult parse = CreateRootCommand().Parse(args);
        return await parse.InvokeAsync();
    }
}
