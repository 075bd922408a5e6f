using System.Globalization;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

/// <summary>Cut-heavy footage made from the shared clips with ffmpeg, small and short so the model runs stay few: shots of
/// <see cref="ShotFrames"/> frames at 15 fps, 240×240, alternating takes of two clips, one under other light (<c>eq</c>) and
/// one with another shirt colour (<c>hue</c> on the lower third), the framing unchanged across those two.</summary>
internal static class CutFootage
{
    public const int ShotFrames = 15;
    public const int Shots = 5;

    /// <summary>Frames where a new shot starts.</summary>
    public static IReadOnlyList<int> Cuts { get; } = [.. Enumerable.Range(1, Shots - 1).Select(k => k * ShotFrames)];

    public static async Task<string> MakeAsync(TempDirectory temp)
    {
        string path = temp.File("cut_heavy.mp4");
        string woman = SharedMedia.Path("fixtures/cut_5s.mp4"), man = SharedMedia.Path("videos/greenscreen_man_3s.mp4");
        // input, start s, extra filter: woman | woman brighter (same framing, other light) | man | woman with another shirt | man
        (int Input, double Start, string Extra)[] shots =
        [
            (0, 0.0, "null"),
            (0, 1.0, "eq=brightness=0.07:contrast=1.1"),
            (1, 0.0, "null"),
            (0, 2.0, "split[a][b];[b]crop=iw:ih/3:0:2*ih/3,hue=h=120[l];[a][l]overlay=0:2*H/3"),
            (1, 1.5, "null"),
        ];
        var graph = new System.Text.StringBuilder();
        for (int k = 0; k < shots.Length; k++)
        {
            (int input, double start, string extra) = shots[k];
            graph.Append(CultureInfo.InvariantCulture,
                $"[{input}:v]trim=start={start}:duration=1.2,setpts=PTS-STARTPTS,fps=15,trim=end_frame={ShotFrames},setpts=PTS-STARTPTS,scale=240:240,format=yuv420p,{extra}[s{k}];");
        }
        graph.Append(string.Concat(Enumerable.Range(0, shots.Length).Select(k => $"[s{k}]"))).Append(CultureInfo.InvariantCulture, $"concat=n={shots.Length}:v=1:a=0[v]");
        await ProcessRunner.FfmpegAsync("-i", woman, "-i", man, "-filter_complex", graph.ToString(), "-map", "[v]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", path);
        return path;
    }
}
