using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.TextToSpeech.Chatterbox;
using PixelHolo.TestSupport;
using static PixelHolo.Speech.Tests.TextToSpeech.EspeakSpeechSynthesizerTests;

namespace PixelHolo.Speech.Tests.TextToSpeech.Chatterbox;

public sealed class ChatterboxSpeechSynthesizerTests
{
    private static readonly VoiceReference Voice = new(SharedMedia.Path("audio/jfk.wav"), "", "");

    [Fact]
    public async Task SynthesizeAsync_StreamingServer_UploadsTheReferenceOnceAndDecodesEveryChunk()
    {
        await using var server = await LoopbackChatterbox.StartAsync();
        ChatterboxSpeechSynthesizer chatterbox = Create(server.Endpoint);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var first = await ToListAsync(chatterbox.SynthesizeAsync(Texts("Hello there."), Voice, guard.Token));
        var second = await ToListAsync(chatterbox.SynthesizeAsync(Texts("Second answer.", "And more."), Voice, guard.Token));
        // A new process (fresh client) finds the file on the server and does not upload it again.
        var third = await ToListAsync(Create(server.Endpoint).SynthesizeAsync(Texts("Third."), Voice, guard.Token));

        string uploaded = Assert.Single(server.Uploads);
        Assert.Matches("^pixelholo-[0-9a-f]{16}\\.wav$", uploaded);
        Assert.Equal(await File.ReadAllBytesAsync(Voice.WavPath), server.Files[uploaded]);
        Assert.Equal(4, server.TtsRequests.Count);
        JsonElement request = server.TtsRequests.First();
        Assert.Equal("Hello there.", request.GetProperty("text").GetString());
        Assert.Equal("clone", request.GetProperty("voice_mode").GetString());
        Assert.Equal(uploaded, request.GetProperty("reference_audio_filename").GetString());
        Assert.True(request.GetProperty("stream").GetBoolean());
        float[] expected = [.. server.Chunks.SelectMany(c => c).Select(s => s / 32768f)];
        float[] received = [.. first.SelectMany(c => c.Audio.Samples.ToArray())];
        Assert.Equal(expected, received);
        Assert.All(first.Concat(second).Concat(third), c => Assert.Equal(LoopbackChatterbox.SampleRateHz, c.Audio.SampleRateHz));
        Assert.Equal([0, 1], second.Where(c => c.IsLastOfText).Select(c => c.TextIndex));
        Assert.All(first, c => Assert.Equal("chatterbox", c.Engine));
    }

    [Fact]
    public async Task SynthesizeAsync_ServerWithoutStreamingRoute_UsesTheOpenAiRoute()
    {
        await using var server = await LoopbackChatterbox.StartAsync();
        server.Mode = LoopbackChatterbox.Behaviour.NoStreamingRoute;
        ChatterboxSpeechSynthesizer chatterbox = Create(server.Endpoint);

        var chunks = await ToListAsync(chatterbox.SynthesizeAsync(Texts("Hello there."), Voice));

        JsonElement request = Assert.Single(server.SpeechRequests);
        Assert.Equal("Hello there.", request.GetProperty("input").GetString());
        Assert.Equal(server.Uploads.Single(), request.GetProperty("voice").GetString());
        Assert.Equal("wav", request.GetProperty("response_format").GetString());
        Assert.Equal(server.Chunks.Sum(c => c.Length), chunks.Sum(c => c.Audio.Samples.Length));
    }

    [Fact]
    public async Task SynthesizeAsync_ServerStallsMidStream_StopsAfterTheTimeoutAndNamesTheSetting()
    {
        await using var server = await LoopbackChatterbox.StartAsync();
        ChatterboxSpeechSynthesizer chatterbox = Create(server.Endpoint, o => o.Timeout = TimeSpan.FromSeconds(2));
        await ToListAsync(chatterbox.SynthesizeAsync(Texts("Warm up."), Voice)); // server and client warm: the short limit is only tested on the stall
        server.Mode = LoopbackChatterbox.Behaviour.SlowAfterFirstChunk;
        var received = new List<SpeechAudioChunk>();

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(async () =>
        {
            await foreach (SpeechAudioChunk chunk in chatterbox.SynthesizeAsync(Texts("Hello there."), Voice)) { received.Add(chunk); }
        });

        Assert.Contains("Tts:Chatterbox:Timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(server.Chunks[0].Length, received.Sum(c => c.Audio.Samples.Length)); // the first chunk arrived before the stall
    }

    [Fact]
    public async Task SynthesizeAsync_ServerDropsMidStream_FailsSayingSo()
    {
        await using var server = await LoopbackChatterbox.StartAsync();
        server.Mode = LoopbackChatterbox.Behaviour.DropAfterFirstChunk;
        ChatterboxSpeechSynthesizer chatterbox = Create(server.Endpoint);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(async () =>
        {
            await foreach (SpeechAudioChunk _ in chatterbox.SynthesizeAsync(Texts("Hello there."), Voice)) { server.ClientHasAudio.TrySetResult(); }
        });

        Assert.True(error.Message.Contains("broke off", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task UnavailableReasonAsync_ServerDown_SaysItIsNotReachable()
    {
        string endpoint;
        await using (var server = await LoopbackChatterbox.StartAsync()) { endpoint = server.Endpoint; }
        ChatterboxSpeechSynthesizer chatterbox = Create(endpoint);

        string? reason = await chatterbox.UnavailableReasonAsync(Voice, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(async () =>
        {
            await foreach (SpeechAudioChunk _ in chatterbox.SynthesizeAsync(Texts("Hello."), Voice)) { }
        });

        Assert.NotNull(reason);
        Assert.Contains("not reachable", reason, StringComparison.Ordinal);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnavailableReasonAsync_NotConfiguredOrNoVoice_NamesWhatIsMissing()
    {
        await using var server = await LoopbackChatterbox.StartAsync();

        Assert.Contains("Tts:Chatterbox:Endpoint", await Create(null).UnavailableReasonAsync(Voice, CancellationToken.None), StringComparison.Ordinal);
        Assert.Contains("no voice reference", await Create(server.Endpoint).UnavailableReasonAsync(null, CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await Create(server.Endpoint).UnavailableReasonAsync(Voice, CancellationToken.None));
    }

    internal static ChatterboxSpeechSynthesizer Create(string? endpoint, Action<ChatterboxOptions>? configure = null)
    {
        // Generous limits: a loopback server's first answer on a loaded test machine can take seconds (no wall-clock asserts).
        var options = new ChatterboxOptions { Endpoint = endpoint, ProbeTimeout = TimeSpan.FromSeconds(60), Timeout = TimeSpan.FromSeconds(60) };
        configure?.Invoke(options);
        IHttpClientFactory http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new ChatterboxSpeechSynthesizer(http, Options.Create(options), NullLogger<ChatterboxSpeechSynthesizer>.Instance);
    }
}
