using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.Native;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.Native;

public sealed class SherpaVoiceActivityDetectorTests
{
    [Fact]
    public async Task Accept_JfkInOddChunks_FindsItsFourPhrases()
    {
        // jfk.wav: "And so my fellow Americans | ask not | what your country can do for you | ask what you can do for your
        // country", with pauses between; measured with sherpa 1.13.8: 0.29-2.28, 3.26-4.43, 5.37-7.69, 8.16-10.98 s.
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        using SherpaVoiceActivityDetector vad = Create();

        var segments = new List<(long Start, int Length)>();
        for (int at = 0; at < jfk.Samples.Length; at += 1234)
        {
            segments.AddRange(vad.Accept(jfk.Samples.Span.Slice(at, Math.Min(1234, jfk.Samples.Length - at))));
        }
        segments.AddRange(vad.Flush());

        Assert.Equal(4, segments.Count);
        double[] starts = [.. segments.Select(s => s.Start / 16_000.0)];
        Assert.InRange(starts[0], 0.1, 0.5);
        Assert.InRange(starts[2], 5.1, 5.6);
        Assert.All(segments, s => Assert.InRange(s.Length / 16_000.0, 0.5, 3.5));
        Assert.Equal(segments.OrderBy(s => s.Start).ToList(), segments);
    }

    [Fact]
    public void Accept_Silence_FindsNothing()
    {
        using SherpaVoiceActivityDetector vad = Create();

        var segments = vad.Accept(new float[16_000 * 3]).Concat(vad.Flush()).ToList();

        Assert.Empty(segments);
        Assert.False(vad.IsSpeechDetected);
    }

    [Fact]
    public void Create_ModelMissing_NamesTheFileTheSettingAndThePullCommand()
    {
        var error = Assert.Throws<ModelLoadException>(() =>
            SherpaVoiceActivityDetector.Create(SherpaTestRuntime.Library(), "/nonexistent/silero_vad.onnx", "VoiceActivity:ModelPath"));

        Assert.Equal("VoiceActivity:ModelPath", error.Setting);
        Assert.Contains("/nonexistent/silero_vad.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull silero-vad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_AfterDispose_Throws()
    {
        SherpaVoiceActivityDetector vad = Create();
        vad.Dispose();
        vad.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => vad.Accept(new float[512]));
    }

    private static SherpaVoiceActivityDetector Create() =>
        SherpaVoiceActivityDetector.Create(SherpaTestRuntime.Library(), RepoPaths.Model("silero_vad.onnx"), "VoiceActivity:ModelPath");
}
