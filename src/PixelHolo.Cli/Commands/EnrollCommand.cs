using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Profiles;
using PixelHolo.Enrollment;
using PixelHolo.Web.Hosting;
using Spectre.Console;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo enroll VIDEO [--name N] [--personality-file F] [--json]</c>: the upload's job, from the terminal.</summary>
internal static class EnrollCommand
{
    public static Command Create()
    {
        var video = new Argument<FileInfo>("video") { Description = "The talking-head video (10 s to 10 min, with sound)." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the file name)." };
        var personality = new Option<FileInfo?>("--personality-file") { Description = "Text file with the \"Personality & Identity\" text." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object as the last line of stdout (progress goes to stderr)." };
        var command = new Command("enroll", "Make an avatar profile from a video, with a progress bar.");
        command.Arguments.Add(video);
        command.Options.Add(name);
        command.Options.Add(personality);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CliHost.RunAsync(
            c => RunAsync(parse.GetRequiredValue(video), parse.GetValue(name), parse.GetValue(personality), parse.GetValue(json), c), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo video, string? name, FileInfo? personalityFile, bool json, CancellationToken cancellationToken)
    {
        if (!video.Exists) { throw new CliInputException($"'{video.FullName}' does not exist. Give the path of a video file."); }
        if (personalityFile is { Exists: false }) { throw new CliInputException($"'{personalityFile.FullName}' does not exist. Give a text file, or leave --personality-file out."); }
        string personality = personalityFile is null ? "" : (await File.ReadAllTextAsync(personalityFile.FullName, cancellationToken)).Trim();

        using IHost host = CliHost.Build();
        var services = host.Services;
        RuntimeFolders.EnsureCreated(services.GetRequiredService<IOptions<RuntimeOptions>>().Value);
        var submitter = services.GetRequiredService<IEnrollmentSubmitter>();
        // The same submit flow as the uploader: bad input gives exit 2 and the page's messages, and creates nothing;
        // the user's file is copied, never moved.
        var submission = new EnrollmentSubmission(video.FullName, video.Name, name, personality, IsTemporaryUpload: false);

        EnrollmentResult result;
        if (!json && !Console.IsOutputRedirected)
        {
            result = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    ProgressTask bar = context.AddTask("enroll", maxValue: 100);
                    var progress = new InlineProgress(p => { bar.Description = p.Stage; bar.Value = p.OverallFraction * 100; });
                    EnrollmentResult r = await submitter.RunAsync(submission, progress, cancellationToken);
                    bar.Value = 100;
                    return r;
                });
        }
        else
        {
            // Redirected output: plain lines on stderr, at each stage and every 10 %, and our own final line.
            var printer = new PlainProgressPrinter(Console.Error);
            result = await submitter.RunAsync(submission, new InlineProgress(printer.Print), cancellationToken);
            await Console.Error.WriteLineAsync("enroll: 100 % done");
        }

        foreach (string finding in result.Findings) { await Console.Error.WriteLineAsync($"note: {finding}"); }
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(
                new EnrollJsonLine(result.ProfileId, result.Folder, Math.Round(result.VideoSeconds, 3), result.ElapsedSeconds, result.StageSeconds),
                CliJson.Default.EnrollJsonLine));
        }
        else
        {
            Console.WriteLine($"Profile {result.ProfileId} ready in {result.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {result.Folder}");
            Console.WriteLine($"Talk to it: pixelholo chat --profile {result.ProfileId}   or open /stage/{result.ProfileId} under `pixelholo serve`.");
        }
        return ExitCodes.Ok;
    }

    private sealed class InlineProgress(Action<EnrollmentProgress> report) : IProgress<EnrollmentProgress>
    {
        public void Report(EnrollmentProgress value) => report(value);
    }

    private sealed class PlainProgressPrinter(TextWriter writer)
    {
        private string _stage = "";
        private int _decile = -1;

        public void Print(EnrollmentProgress p)
        {
            int decile = (int)(p.OverallFraction * 10);
            if (p.Stage == _stage && decile == _decile) { return; }
            _stage = p.Stage;
            _decile = decile;
            string eta = p.Eta is { } e ? $", about {e.TotalSeconds:0} s left" : "";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enroll: {p.Stage} {p.OverallFraction * 100:0} %{eta}"));
        }
    }
}
