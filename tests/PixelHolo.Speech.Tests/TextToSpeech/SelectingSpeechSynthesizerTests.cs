using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Native;
using PixelHolo.Speech.Tests.TextToSpeech.Chatterbox;
using PixelHolo.Speech.Tests.TextToSpeech.Matched;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.TestSupport;
using static PixelHolo.Speech.Tests.TextToSpeech.EspeakSpeechSynthesizerTests;

namespace PixelHolo.Speech.Tests.TextToSpeech;

public sealed class SelectingSpeechSynthesizerTests
{
    private static readonly VoiceReference Voice = new(SharedMedia.Path("audio/librispeech_1320_00000_16k_mono.wav"), "", "");

    [Fact]
    public async Task ChooseAsync_NoModelNoServerNoReference_FallsToStockAndSaysWhyForEachEngine()
    {
        using var emptyModels = new TempDirectory("no-pocket");
        (var espeak, var matched) = MatchedSpeechSynthesizerTests.Create();
        var selector = Create([new MissingModelEngine(SherpaPocketTts.MissingReason(emptyModels.Path)!), ChatterboxSpeechSynthesizerTests.Create(null), matched, espeak]);

        VoiceChoice choice = await selector.ChooseAsync(voice: null);

        Assert.Equal("espeak-ng", choice.Engine);
        Assert.False(choice.ClonesVoice);
        Assert.Contains("GPL", choice.Licence, StringComparison.Ordinal);
        Assert.NotNull(choice.Warning);
        // The missing model is named with its setting and the command that fetches it.
        Assert.Contains("pocket: Pocket TTS's", choice.Warning, StringComparison.Ordinal);
        Assert.Contains(SherpaPocketTts.Setting, choice.Warning, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull tts", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("chatterbox: no server configured (set Tts:Chatterbox:Endpoint", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("matched: no voice reference", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChooseAsync_WithReference_ChoosesTheMatchedVoiceAndPreparesIt()
    {
        (var espeak, var matched) = MatchedSpeechSynthesizerTests.Create();
        var selector = Create([ChatterboxSpeechSynthesizerTests.Create(null), matched, espeak]);

        VoiceChoice choice = await selector.ChooseAsync(Voice);

        Assert.Equal("matched", choice.Engine);
        Assert.StartsWith("Spoken with the matched offline voice", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("pocket: not part of this build", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChooseAsync_ConfiguredEngineUnavailable_SaysTheSettingAskedForIt()
    {
        (var espeak, _) = MatchedSpeechSynthesizerTests.Create();
        var selector = Create([ChatterboxSpeechSynthesizerTests.Create(null), espeak], engine: "chatterbox");

        VoiceChoice choice = await selector.ChooseAsync(Voice);

        Assert.Equal("espeak-ng", choice.Engine);
        Assert.Contains("Tts:Engine asks for chatterbox: no server configured", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChooseAsync_ReachableServer_ClonesWithoutWarning()
    {
        await using var server = await LoopbackChatterbox.StartAsync();
        (var espeak, _) = MatchedSpeechSynthesizerTests.Create();
        var selector = Create([ChatterboxSpeechSynthesizerTests.Create(server.Endpoint), espeak], engine: "chatterbox");

        VoiceChoice choice = await selector.ChooseAsync(Voice);

        Assert.Equal(new VoiceChoice("chatterbox", true, choice.Licence, null), choice);
        Assert.Single(server.Uploads); // prepared: the reference is on the server before the first answer
    }

    [Fact]
    public async Task SynthesizeAsync_ServerDropsMidAnswer_NextEngineSpeaksTheRestAtTheSameRate()
    {
        await using var server = await LoopbackChatterbox.StartAsync();
        server.Mode = LoopbackChatterbox.Behaviour.DropAfterFirstChunk;
        (var espeak, _) = MatchedSpeechSynthesizerTests.Create();
        var selector = Create([ChatterboxSpeechSynthesizerTests.Create(server.Endpoint), espeak]);
        var chunks = new List<SpeechAudioChunk>();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await foreach (SpeechAudioChunk chunk in selector.SynthesizeAsync(Texts("First sentence.", "Second sentence."), Voice, guard.Token))
        {
            chunks.Add(chunk);
            server.ClientHasAudio.TrySetResult();
        }

        Assert.Equal("chatterbox", chunks[0].Engine);
        Assert.Null(chunks[0].Warning);
        Assert.Equal(server.Chunks[0].Length, chunks.Where(c => c.TextIndex == 0).Sum(c => c.Audio.Samples.Length));
        Assert.Single(chunks, c => c.TextIndex == 0 && c.IsLastOfText);
        List<SpeechAudioChunk> second = [.. chunks.Where(c => c.TextIndex == 1)];
        Assert.All(second, c => Assert.Equal("espeak-ng", c.Engine));
        Assert.Contains("chatterbox failed during the answer", second[0].Warning, StringComparison.Ordinal);
        Assert.True(second.Sum(c => c.Audio.Duration.TotalSeconds) > 0.5);
        Assert.All(chunks, c => Assert.Equal(LoopbackChatterbox.SampleRateHz, c.Audio.SampleRateHz));
        Assert.True(chunks[^1].IsLastOfText);
    }

    [Fact]
    public async Task SynthesizeAsync_TextIsNormalisedButChunksKeepTheOriginal()
    {
        (var espeak, _) = MatchedSpeechSynthesizerTests.Create();
        var selector = Create([espeak]);

        var chunks = await ToListAsync(selector.SynthesizeAsync(Texts("🎉👍", "It costs $5."), null));

        Assert.All(chunks, c => Assert.Equal(1, c.TextIndex));
        Assert.All(chunks, c => Assert.Equal("It costs $5.", c.Text));
        Assert.Contains("stock voice", chunks[0].Warning, StringComparison.Ordinal);
    }

    private static SelectingSpeechSynthesizer Create(IEnumerable<ITtsEngine> engines, string engine = "auto") =>
        new(engines, Options.Create(new TtsOptions { Engine = engine }), NullLogger<SelectingSpeechSynthesizer>.Instance);

    /// <summary>Stands where the Pocket engine plugs in, reporting the real missing-model reason of the sherpa binding.</summary>
    private sealed class MissingModelEngine(string reason) : ITtsEngine
    {
        public string Name => "pocket";

        public string Licence => "Pocket TTS (Kyutai): code MIT, weights CC-BY-4.0";

        public bool ClonesVoice => true;

        public Task<string?> UnavailableReasonAsync(VoiceReference? voice, CancellationToken cancellationToken) => Task.FromResult<string?>(reason);

        public IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(IAsyncEnumerable<string> textChunks, VoiceReference? voice, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("An unavailable engine is never asked to speak.");
    }
}
