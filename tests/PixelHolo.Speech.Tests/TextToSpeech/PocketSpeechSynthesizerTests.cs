using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Native;
using PixelHolo.Speech.Tests.Native;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.TextToSpeech;

public sealed class PocketSpeechSynthesizerTests
{
    [Fact]
    public async Task SynthesizeAsync_ModelMissing_IsUnavailableSayingWhichFileAndThePullCommand()
    {
        using var empty = new TempDirectory();
        using PocketSpeechSynthesizer pocket = Create(empty.Path);

        Assert.False(pocket.IsAvailable);
        Assert.Contains("lm_flow.int8.onnx", pocket.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull tts", pocket.UnavailableReason, StringComparison.Ordinal);
        var error = Assert.Throws<ServiceUnavailableException>(() => pocket.SynthesizeAsync(Sentences("Hello."), Voice()));
        Assert.Equal("pocket", error.Service);
        await Task.CompletedTask;
    }

    [Fact]
    public void SynthesizeAsync_NoVoiceReference_SaysPocketOnlyClones()
    {
        using var models = new TempDirectory();
        string folder = Path.Combine(models.Path, SherpaPocketTts.Folder);
        Directory.CreateDirectory(folder);
        foreach (string file in SherpaPocketTts.Files) { File.WriteAllText(Path.Combine(folder, file), "x"); }
        using PocketSpeechSynthesizer pocket = Create(models.Path);

        Assert.True(pocket.IsAvailable);
        var error = Assert.Throws<ServiceUnavailableException>(() => pocket.SynthesizeAsync(Sentences("Hello."), voice: null));
        Assert.Contains("needs the profile's voice reference", error.Message, StringComparison.Ordinal);
    }

    [RequiresModelFact(SherpaPocketTts.Folder, "lm_flow.int8.onnx", "lm_main.int8.onnx", "encoder.onnx", "decoder.int8.onnx", "text_conditioner.onnx", "vocab.json", "token_scores.json")]
    public async Task SynthesizeAsync_TwoSentences_StreamsEachAt24kHzInTheReferenceVoice()
    {
        using PocketSpeechSynthesizer pocket = Create(RepoPaths.ModelsDirectory);
        var chunks = new List<SpeechAudioChunk>();

        await foreach (SpeechAudioChunk chunk in pocket.SynthesizeAsync(Sentences("The weather is fine today.", "Shall we go for a walk?"), Voice()))
        {
            chunks.Add(chunk);
        }

        Assert.All(chunks, c => Assert.Equal(24_000, c.Audio.SampleRateHz));
        Assert.Equal([0, 1], chunks.Where(c => c.IsLastOfText).Select(c => c.TextIndex));
        Assert.All(chunks, c => Assert.Equal("pocket", c.Engine));
        Assert.InRange(chunks.Sum(c => c.Audio.Duration.TotalSeconds), 1.5, 12);
    }

    [RequiresModelFact(SherpaPocketTts.Folder, "lm_flow.int8.onnx", "lm_main.int8.onnx", "encoder.onnx", "decoder.int8.onnx", "text_conditioner.onnx", "vocab.json", "token_scores.json")]
    public async Task SynthesizeAsync_CancelledOnTheFirstChunk_StopsThere()
    {
        using PocketSpeechSynthesizer pocket = Create(RepoPaths.ModelsDirectory);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var chunks = new List<SpeechAudioChunk>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SpeechAudioChunk chunk in pocket.SynthesizeAsync(
                Sentences("This is a long first sentence that takes a while to say out loud.", "And a second one."), Voice(), cts.Token))
            {
                chunks.Add(chunk);
                await cts.CancelAsync();
            }
        });

        Assert.Single(chunks);
    }

    private static VoiceReference Voice() =>
        new(SharedMedia.Path("audio/ljspeech_ref_35s_16k_mono.wav"), "", Path.GetTempPath()) { Wav24kPath = SharedMedia.Path("audio/ljspeech_ref_35s.wav") };

    private static async IAsyncEnumerable<string> Sentences(params string[] sentences)
    {
        foreach (string sentence in sentences)
        {
            await Task.Yield();
            yield return sentence;
        }
    }

    private static PocketSpeechSynthesizer Create(string modelsDirectory) => new(
        Options.Create(new PocketTtsOptions { Seed = 42 }), Options.Create(new RuntimeOptions { ModelsDirectory = modelsDirectory }),
        SherpaTestRuntime.Library(), NullLogger<PocketSpeechSynthesizer>.Instance);
}
