using Microsoft.Extensions.Logging.Abstractions;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.Native;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.Tests.Native;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.SpeechToText;

/// <summary>Real recognition with the downloaded sherpa-onnx models; each test runs only where its model is installed.</summary>
public sealed class SherpaSpeechRecognizerTests
{
    [RequiresModelFact(SherpaRecognizerModel.ParakeetFolder, "encoder.int8.onnx", "decoder.int8.onnx", "joiner.int8.onnx", "tokens.txt")]
    public async Task RecognizeAsync_ParakeetOnJfk_KeyWordsWithTimes()
    {
        TranscriptUpdate final = await FinalAsync(SherpaRecognizerModel.Parakeet(SherpaTestRuntime.ModelFolder(SherpaRecognizerModel.ParakeetFolder)));

        Assert.Contains("ask not what your country can do for you", final.Text, StringComparison.OrdinalIgnoreCase);
        WordTiming country = final.Words.First(w => w.Word.StartsWith("country", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(country.Start.TotalSeconds, 5.5, 6.6);
    }

    [RequiresModelFact(SherpaRecognizerModel.MoonshineFolder, "encoder_model.ort", "decoder_model_merged.ort", "tokens.txt")]
    public async Task RecognizeAsync_MoonshineOnJfk_PartialsThenFinalWithKeyWords()
    {
        var recognizer = new SherpaSpeechRecognizer(SherpaTestRuntime.Library(),
            SherpaRecognizerModel.Moonshine(SherpaTestRuntime.ModelFolder(SherpaRecognizerModel.MoonshineFolder)), TimeSpan.FromSeconds(2),
            NullLogger.Instance);
        using (recognizer)
        {
            AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
            var updates = new List<TranscriptUpdate>();
            await foreach (TranscriptUpdate update in recognizer.RecognizeAsync(TestAudio.Stream(jfk, 4000))) { updates.Add(update); }

            Assert.True(updates.Count >= 3, $"expected partials every 2 s of 11 s, got {updates.Count} updates");
            Assert.All(updates[..^1], u => Assert.False(u.IsFinal));
            Assert.True(updates[^1].IsFinal);
            Assert.Contains("country", updates[^1].Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [RequiresModelFact(SherpaRecognizerModel.WhisperFolder, "tiny.en-encoder.int8.onnx", "tiny.en-decoder.int8.onnx", "tiny.en-tokens.txt")]
    public async Task RecognizeAsync_WhisperOnJfk_KeyWords()
    {
        TranscriptUpdate final = await FinalAsync(SherpaRecognizerModel.Whisper(SherpaTestRuntime.ModelFolder(SherpaRecognizerModel.WhisperFolder)));

        Assert.Contains("country", final.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(final.Words); // Whisper through sherpa gives no word times here
    }

    private static async Task<TranscriptUpdate> FinalAsync(SherpaRecognizerModel model)
    {
        using var recognizer = new SherpaSpeechRecognizer(SherpaTestRuntime.Library(), model, TimeSpan.Zero, NullLogger.Instance);
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        var updates = new List<TranscriptUpdate>();
        await foreach (TranscriptUpdate update in recognizer.RecognizeAsync(TestAudio.Stream(jfk, 4000))) { updates.Add(update); }
        return Assert.Single(updates);
    }
}
