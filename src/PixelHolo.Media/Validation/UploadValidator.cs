using System.Globalization;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Validation;

/// <summary>Checks an upload with ffprobe before any work starts, and reports every problem at once, in plain words.</summary>
public sealed class UploadValidator(MediaProbe probe, IOptions<UploadLimits> limits)
{
    /// <summary>Returns the media facts and warnings, or throws <see cref="InvalidUploadException"/> with every problem.</summary>
    public async Task<(MediaInfo Media, IReadOnlyList<string> Warnings)> ValidateAsync(
        string path, string displayName, CancellationToken cancellationToken = default)
    {
        MediaInfo media;
        try
        {
            media = await probe.ProbeAsync(path, cancellationToken);
        }
        catch (MediaToolException ex) when (ex.ExitCode != -1)
        {
            throw new InvalidUploadException(displayName,
            [
                new UploadProblem("corrupt",
                    "This file could not be read as a video: it is damaged or incomplete (" + FirstLine(ex.StandardErrorTail) + "). " +
                    "If it was copied or downloaded, copy it again; otherwise export it again from your camera or editor as MP4."),
            ]);
        }
        var (problems, warnings) = Check(media);
        if (problems.Count > 0) { throw new InvalidUploadException(displayName, problems); }
        return (media, warnings);
    }

    internal (List<UploadProblem> Problems, List<string> Warnings) Check(MediaInfo media)
    {
        UploadLimits l = limits.Value;
        var problems = new List<UploadProblem>();
        var warnings = new List<string>();
        if (media.Video is null)
        {
            problems.Add(new UploadProblem("no-video",
                $"This file has no picture, only sound ({media.Describe()}). PixelHolo shows the person from the video, so upload a video of them talking to the camera."));
        }
        if (media.Audio is null)
        {
            problems.Add(new UploadProblem("no-audio",
                "This file has no sound track. The voice is cloned from the video's sound, so upload a clip where the person speaks."));
        }
        if (media.Duration < l.MinDuration)
        {
            problems.Add(new UploadProblem("too-short",
                $"The clip is {Seconds(media.Duration)} long; at least {Seconds(l.MinDuration)} is needed (a minute or more gives a better voice and idle loop). Upload a longer clip."));
        }
        else if (media.Duration > l.MaxDuration)
        {
            problems.Add(new UploadProblem("too-long",
                $"The clip is {Seconds(media.Duration)} long; at most {Seconds(l.MaxDuration)} is accepted. Trim it to the best minute or two and upload that."));
        }
        if (media.Video is { } video)
        {
            if (video.FramesPerSecond < l.MinFramesPerSecond || video.FramesPerSecond > l.MaxFramesPerSecond)
            {
                problems.Add(new UploadProblem("frame-rate",
                    $"The video runs at {video.FramesPerSecond:0.#} frames per second; {l.MinFramesPerSecond:0}–{l.MaxFramesPerSecond:0} is needed. Export it again at 25 or 30 fps."));
            }
            int shortSide = Math.Min(video.DisplayWidth, video.DisplayHeight);
            if (shortSide < l.MinShortSidePixels)
            {
                problems.Add(new UploadProblem("resolution",
                    $"The video is {video.DisplayWidth}×{video.DisplayHeight}; its short side must be at least {l.MinShortSidePixels} px. Upload a sharper recording."));
            }
            else if (shortSide < l.RecommendedShortSidePixels)
            {
                warnings.Add($"The video is only {video.DisplayWidth}×{video.DisplayHeight}: the person will look soft on the display. {l.RecommendedShortSidePixels} px or more on the short side is better.");
            }
            if (video.VariableFrameRate)
            {
                warnings.Add($"The video has a variable frame rate; it is converted to a constant {video.FramesPerSecond:0.##} fps.");
            }
        }
        if (media.Duration >= l.MinDuration && media.Duration < TimeSpan.FromSeconds(60))
        {
            warnings.Add($"The clip is {Seconds(media.Duration)} long; a minute or more gives a better voice and a smoother idle loop.");
        }
        return (problems, warnings);
    }

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds < 120 ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : t.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";

    private static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unreadable";
        int colon = line.LastIndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 ? line[(colon + 2)..] : line;
    }
}
