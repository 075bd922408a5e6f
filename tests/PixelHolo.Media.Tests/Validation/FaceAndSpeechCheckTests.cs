using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Vision;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.Media.Validation;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Validation;

public sealed class FaceAndSpeechCheckTests : IDisposable
{
    private readonly ServiceProvider _services;

    public FaceAndSpeechCheckTests() => _services = FaceDetectionServices.Create();

    [Fact]
    public async Task CheckAsync_BlackVideo_RejectsWithNoFaceFound()
    {
        using var temp = new TempDirectory();
        string black = temp.File("black.mp4");
        await ProcessRunner.FfmpegAsync("-f", "lavfi", "-i", "color=black:s=320x240:r=25:d=4", "-f", "lavfi", "-i", "sine=frequency=300:duration=4",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", black);

        var error = await Assert.ThrowsAsync<InvalidUploadException>(() => CheckAsync(black, new FakeVoiceActivity([])));

        UploadProblem problem = Assert.Single(error.Problems);
        Assert.Equal("no-face", problem.Code);
        Assert.Contains("No face found", problem.Message, StringComparison.Ordinal);
        Assert.Contains("black.mp4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_TwoClipsSideBySide_RejectsWithTwoPeopleInFrame()
    {
        using var temp = new TempDirectory();
        string two = temp.File("two.mp4");
        await ProcessRunner.FfmpegAsync("-i", SharedMedia.Path("fixtures/cut_5s.mp4"), "-t", "3", "-filter_complex", "[0:v][0:v]hstack=inputs=2[v]",
            "-map", "[v]", "-map", "0:a", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", two);

        var error = await Assert.ThrowsAsync<InvalidUploadException>(() => CheckAsync(two, new FakeVoiceActivity([])));

        UploadProblem problem = Assert.Single(error.Problems);
        Assert.Equal("two-people", problem.Code);
        Assert.Contains("Two people in frame", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_OneTalkingHeadLittleSpeech_PassesWithPoorVoiceWarning()
    {
        string clip = SharedMedia.Path("fixtures/cut_5s.mp4");
        var vad = new FakeVoiceActivity([new Utterance(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), ReadOnlyMemory<float>.Empty)]);

        ContentCheckResult result = await CheckAsync(clip, vad);

        Assert.Equal(1.0, result.OneFaceFraction, 3);
        Assert.InRange(result.MedianFaceHeightFraction, 0.2, 0.9);
        Assert.True(result.SpeechChecked);
        Assert.Equal(TimeSpan.FromSeconds(1), result.SpeechTotal);
        Assert.Contains(result.Warnings, w => w.Contains("voice will be poor", StringComparison.Ordinal));
        Assert.True(vad.SamplesSeen > 70_000, $"the detector saw {vad.SamplesSeen} samples of 16 kHz audio");   // 5 s of sound reached the detector
    }

    private async Task<ContentCheckResult> CheckAsync(string path, IVoiceActivityDetector vad)
    {
        MediaInfo media = await FfmpegTools.Probe.ProbeAsync(path);
        var check = new FaceAndSpeechCheck(FfmpegTools.Reader, FfmpegTools.Runner, _services.GetRequiredService<IFaceDetector>(), [vad],
            Options.Create(new ContentCheckOptions { SampledFrames = 6 }));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await check.CheckAsync(path, Path.GetFileName(path), media, cts.Token);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Returns fixed utterances after reading all the audio it is given (a boundary we own: Core's interface).</summary>
    private sealed class FakeVoiceActivity(IReadOnlyList<Utterance> utterances) : IVoiceActivityDetector
    {
        public long SamplesSeen { get; private set; }

        public async IAsyncEnumerable<Utterance> DetectAsync(IAsyncEnumerable<AudioChunk> audio, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken))
            {
                Assert.Equal(16_000, chunk.SampleRateHz);
                SamplesSeen += chunk.Samples.Length;
            }
            foreach (Utterance u in utterances) { yield return u; }
        }

        // The content check only asks for utterances; window scores are the stage's.
        public IAsyncEnumerable<VoiceActivityScore> ScoreAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The content check does not score windows.");
    }
}
