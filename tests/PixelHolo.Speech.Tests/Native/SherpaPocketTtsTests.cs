using PixelHolo.Core.Errors;
using PixelHolo.Speech.Native;

namespace PixelHolo.Speech.Tests.Native;

public sealed class SherpaPocketTtsTests
{
    [Fact]
    public void BuildConfig_FillsThePocketSlotsInHeaderOrder()
    {
        using var strings = new Utf8Strings();

        SherpaTtsConfig config = SherpaPocketTts.BuildConfig("/m/pocket", strings, numThreads: 2, provider: "cpu", voiceCacheCapacity: 8);

        Assert.Equal("/m/pocket/lm_flow.int8.onnx", Utf8Strings.Read(config.model.pocket.lm_flow));
        Assert.Equal("/m/pocket/lm_main.int8.onnx", Utf8Strings.Read(config.model.pocket.lm_main));
        Assert.Equal("/m/pocket/encoder.onnx", Utf8Strings.Read(config.model.pocket.encoder));
        Assert.Equal("/m/pocket/decoder.int8.onnx", Utf8Strings.Read(config.model.pocket.decoder));
        Assert.Equal("/m/pocket/text_conditioner.onnx", Utf8Strings.Read(config.model.pocket.text_conditioner));
        Assert.Equal("/m/pocket/vocab.json", Utf8Strings.Read(config.model.pocket.vocab_json));
        Assert.Equal("/m/pocket/token_scores.json", Utf8Strings.Read(config.model.pocket.token_scores_json));
        Assert.Equal(8, config.model.pocket.voice_embedding_cache_capacity);
        Assert.Equal(2, config.model.num_threads);
        Assert.Equal(nint.Zero, config.model.vits.model);
        Assert.Equal(nint.Zero, config.model.zipvoice.encoder);
    }

    [Fact]
    public void ExtraJson_IsInvariantJsonWithSherpasKeys()
    {
        string json = SherpaPocketTts.ExtraJson(TimeSpan.FromSeconds(12.5), 0.7f, seed: 42);

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(12.5, document.RootElement.GetProperty("max_reference_audio_len").GetDouble());
        Assert.Equal(0.7, document.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(42, document.RootElement.GetProperty("seed").GetInt32());
        Assert.False(System.Text.Json.JsonDocument.Parse(SherpaPocketTts.ExtraJson(TimeSpan.FromSeconds(10), 0.7f, null)).RootElement.TryGetProperty("seed", out _));
    }

    [Fact]
    public void Create_FilesMissing_NamesTheFileTheSettingAndThePullCommand()
    {
        var error = Assert.Throws<ModelLoadException>(() => SherpaPocketTts.Create(SherpaTestRuntime.Library(), "/nonexistent/pocket"));

        Assert.Equal("PocketTts:Directory", error.Setting);
        Assert.Contains("/nonexistent/pocket/lm_flow.int8.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull tts", error.Message, StringComparison.Ordinal);
        Assert.Contains("lm_flow.int8.onnx", SherpaPocketTts.MissingReason("/nonexistent/pocket"), StringComparison.Ordinal);
    }
}
