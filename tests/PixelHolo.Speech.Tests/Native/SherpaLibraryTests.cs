using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.Native;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.Native;

[Collection(nameof(SpeechModelsGroup))]
public sealed class SherpaLibraryTests(SpeechModelsFixture models)
{
    [Fact]
    public void GetVersion_PackagedRuntime_Is1138WithItsOwnOnnxRuntime()
    {
        SherpaLibrary library = SherpaTestRuntime.Library();

        Assert.Equal("1.13.8", library.GetVersion());
        Assert.Equal("1.28.2", library.GetOnnxRuntimeVersion()); // not Microsoft.ML.OnnxRuntime's 1.31
    }

    [Fact]
    public async Task SherpaVad_BesideMicrosoftOnnxRuntimeInOneProcess_BothFindTheSameSpeech()
    {
        // Microsoft.ML.OnnxRuntime (libonnxruntime.so.1) runs our Silero detector; sherpa-onnx runs the same model on its own
        // libonnxruntime.so in the same process. Both must work, and agree on where jfk.wav's speech starts.
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        IReadOnlyList<SpeechSegment> ours = await models.Services.GetRequiredService<ISpeechSegmenter>().FindSpeechSegmentsAsync(jfk);
        using SherpaVoiceActivityDetector sherpa = SherpaVoiceActivityDetector.Create(
            SherpaTestRuntime.Library(), RepoPaths.Model("silero_vad.onnx"), "VoiceActivity:ModelPath");

        var theirs = sherpa.Accept(jfk.Samples.Span).Concat(sherpa.Flush()).ToList();
        IReadOnlyList<SpeechSegment> oursAgain = await models.Services.GetRequiredService<ISpeechSegmenter>().FindSpeechSegmentsAsync(jfk);

        Assert.NotEmpty(ours);
        Assert.NotEmpty(theirs);
        Assert.Equal(ours, oursAgain); // Microsoft's runtime still works after sherpa's loaded
        Assert.InRange(theirs[0].Start / 16_000.0, ours[0].Start.TotalSeconds - 0.3, ours[0].Start.TotalSeconds + 0.3);
    }

    [Fact]
    public void EnsureLoaded_LibraryMissing_NamesTheFileTheSettingAndThePullCommand()
    {
        SherpaLibrary library = SherpaTestRuntime.Library(o => o.LibraryDirectory = "/nonexistent/sherpa");

        var error = Assert.Throws<ModelLoadException>(library.EnsureLoaded);

        Assert.Equal("Sherpa:LibraryDirectory", error.Setting);
        Assert.Contains("/nonexistent/sherpa/libsherpa-onnx-c-api.so", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull sherpa-onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("PIXELHOLO_Sherpa__LibraryDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumThreads_Auto_IsTheCoresAtMostFour()
    {
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 4), SherpaTestRuntime.Library(_ => { }).NumThreads);
        Assert.Equal(7, SherpaTestRuntime.Library(o => o.NumThreads = 7).NumThreads);
    }
}
