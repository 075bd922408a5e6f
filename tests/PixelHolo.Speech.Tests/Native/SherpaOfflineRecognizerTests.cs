using System.Runtime.InteropServices;
using PixelHolo.Core.Errors;
using PixelHolo.Speech.Native;

namespace PixelHolo.Speech.Tests.Native;

public sealed class SherpaOfflineRecognizerTests
{
    [Fact]
    public void BuildConfig_Parakeet_FillsTheNemoTransducerSlots()
    {
        using var strings = new Utf8Strings();
        SherpaRecognizerModel model = SherpaRecognizerModel.Parakeet("/m/p");

        SherpaOfflineRecognizerConfig config = SherpaOfflineRecognizer.BuildConfig(model, strings, numThreads: 4, provider: "cpu");

        Assert.Equal("/m/p/encoder.int8.onnx", Utf8Strings.Read(config.model_config.transducer.encoder));
        Assert.Equal("/m/p/decoder.int8.onnx", Utf8Strings.Read(config.model_config.transducer.decoder));
        Assert.Equal("/m/p/joiner.int8.onnx", Utf8Strings.Read(config.model_config.transducer.joiner));
        Assert.Equal("/m/p/tokens.txt", Utf8Strings.Read(config.model_config.tokens));
        Assert.Equal("nemo_transducer", Utf8Strings.Read(config.model_config.model_type));
        Assert.Equal(4, config.model_config.num_threads);
        Assert.Equal(16_000, config.feat_config.sample_rate);
        Assert.Equal(nint.Zero, config.model_config.moonshine.encoder);
        Assert.Equal(nint.Zero, config.model_config.whisper.encoder);
    }

    [Fact]
    public void BuildConfig_Moonshine_UsesTheMergedDecoder()
    {
        using var strings = new Utf8Strings();

        SherpaOfflineRecognizerConfig config = SherpaOfflineRecognizer.BuildConfig(SherpaRecognizerModel.Moonshine("/m/s"), strings, 2, "cpu");

        Assert.Equal("/m/s/encoder_model.ort", Utf8Strings.Read(config.model_config.moonshine.encoder));
        Assert.Equal("/m/s/decoder_model_merged.ort", Utf8Strings.Read(config.model_config.moonshine.merged_decoder));
        Assert.Equal(nint.Zero, config.model_config.moonshine.cached_decoder);
        Assert.Equal(nint.Zero, config.model_config.transducer.encoder);
        Assert.Equal(nint.Zero, config.model_config.model_type);
    }

    [Fact]
    public void BuildConfig_Whisper_EnglishTranscription()
    {
        using var strings = new Utf8Strings();

        SherpaOfflineRecognizerConfig config = SherpaOfflineRecognizer.BuildConfig(SherpaRecognizerModel.Whisper("/m/w"), strings, 2, "cpu");

        Assert.Equal("/m/w/tiny.en-encoder.int8.onnx", Utf8Strings.Read(config.model_config.whisper.encoder));
        Assert.Equal("en", Utf8Strings.Read(config.model_config.whisper.language));
        Assert.Equal("transcribe", Utf8Strings.Read(config.model_config.whisper.task));
        Assert.Equal("/m/w/tiny.en-tokens.txt", Utf8Strings.Read(config.model_config.tokens));
    }

    [Fact]
    public void ConfigLayout_MatchesTheCHeaderSizes()
    {
        // Sizes on x64 from c-api.h 1.13.8 (pointers 8 bytes, int32/float 4, natural alignment); a field added or lost
        // in our mirror changes them.
        Assert.Equal(48, Marshal.SizeOf<SherpaOfflineWhisperModelConfig>());
        Assert.Equal(40, Marshal.SizeOf<SherpaOfflineMoonshineModelConfig>());
        Assert.Equal(88, Marshal.SizeOf<SherpaOfflineFunAsrNanoModelConfig>());
        Assert.Equal(64, Marshal.SizeOf<SherpaOfflineQwen3AsrModelConfig>());
        Assert.Equal(32, Marshal.SizeOf<SherpaVadSubModelConfig>());
        Assert.Equal(88, Marshal.SizeOf<SherpaVadModelConfig>());
        Assert.Equal(64, Marshal.SizeOf<SherpaTtsPocketModelConfig>());
        Assert.Equal(56, Marshal.SizeOf<SherpaGenerationConfig>());
    }

    [Fact]
    public void Create_FileMissing_NamesTheFileTheSettingAndThePullCommand()
    {
        var error = Assert.Throws<ModelLoadException>(() =>
            SherpaOfflineRecognizer.Create(SherpaTestRuntime.Library(), SherpaRecognizerModel.Parakeet("/nonexistent/parakeet")));

        Assert.Equal("SpeechToText:ParakeetDirectory", error.Setting);
        Assert.Contains("/nonexistent/parakeet/encoder.int8.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull stt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingReason_CompleteFolder_IsNull()
    {
        using var folder = new PixelHolo.TestSupport.TempDirectory();
        SherpaRecognizerModel model = SherpaRecognizerModel.Moonshine(folder.Path);
        foreach (string path in model.Paths) { File.WriteAllText(path, "x"); }

        Assert.Null(model.MissingReason);
        File.Delete(model.PathOf(1));
        Assert.Contains("decoder_model_merged.ort", model.MissingReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParakeetJson_GroupsTokensIntoTimedWords()
    {
        const string json = """
            {"lang": "", "emotion": "", "event": "", "text": " Ask not what", "timestamps": [0.32, 0.48, 0.80, 1.04, 1.20],
             "durations": [0.16, 0.16, 0.16, 0.08, 0.24], "tokens": [" Ask", " not", " wh", "a", "t"], "ys_log_probs": [], "words": []}
            """;

        SherpaRecognition result = SherpaRecognition.Parse(json);
        var words = result.Words(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));

        Assert.Equal("Ask not what", result.Text);
        Assert.Equal(["Ask", "not", "what"], words.Select(w => w.Word));
        Assert.Equal(10.80, words[2].Start.TotalSeconds, 3);
        Assert.Equal(11.44, words[2].End.TotalSeconds, 3); // last token 1.20 + 0.24
        Assert.Equal(10.48, words[0].End.TotalSeconds, 3);
    }

    [Fact]
    public void Parse_NoTimestamps_GivesTextAndNoWords()
    {
        SherpaRecognition result = SherpaRecognition.Parse("""{"text": "hello there", "tokens": ["hello", " there"], "timestamps": []}""");

        Assert.Equal("hello there", result.Text);
        Assert.Empty(result.Words(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Parse_SentencePieceMarks_StartWords()
    {
        SherpaRecognition result = SherpaRecognition.Parse("""{"text": "hi you", "tokens": ["▁hi", "▁yo", "u"], "timestamps": [0.0, 0.5, 0.6]}""");

        var words = result.Words(TimeSpan.Zero, TimeSpan.FromSeconds(1));

        Assert.Equal(["hi", "you"], words.Select(w => w.Word));
        Assert.Equal(0.5, words[0].End.TotalSeconds, 3); // no durations: up to the next word
        Assert.Equal(1.0, words[1].End.TotalSeconds, 3); // the last word runs to the end of the audio
    }
}
