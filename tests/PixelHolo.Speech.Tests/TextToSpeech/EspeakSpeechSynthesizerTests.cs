using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.TextToSpeech;

namespace PixelHolo.Speech.Tests.TextToSpeech;

public sealed class EspeakSpeechSynthesizerTests
{
    [Fact]
    public async Task SpeakAsync_LongerText_GivesLongerAudioAt22050HzMono()
    {
        var espeak = Create();

        SynthesizedSpeech shortSpeech = await espeak.SpeakAsync("Hello there.", voice: null);
        SynthesizedSpeech longSpeech = await espeak.SpeakAsync(
            "Hello there. I am a holographic avatar, and I can answer your questions about almost anything you like.", voice: null);

        Assert.Equal(22_050, shortSpeech.Audio.SampleRateHz);
        Assert.Equal(1, shortSpeech.Audio.Channels);
        Assert.InRange(shortSpeech.Audio.Duration.TotalSeconds, 0.4, 3.0);
        Assert.True(longSpeech.Audio.Duration > shortSpeech.Audio.Duration * 3,
            $"long text gave {longSpeech.Audio.Duration.TotalSeconds:F2} s, short {shortSpeech.Audio.Duration.TotalSeconds:F2} s");
        Assert.True(TestAudio.Rms(longSpeech.Audio.Samples.Span) > 0.01, "the audio should not be silent");
        Assert.Equal("espeak-ng", longSpeech.Engine);
    }

    [Fact]
    public async Task SpeakAsync_AccentedName_IsSpokenNotStripped()
    {
        var espeak = Create();

        // If the non-ASCII letters were dropped (the original's defect 6), "Zoë" would sound exactly like "Zo".
        SynthesizedSpeech accented = await espeak.SpeakAsync("Zoë", voice: null);
        SynthesizedSpeech stripped = await espeak.SpeakAsync("Zo", voice: null);

        Assert.NotEqual(stripped.Audio.Samples.ToArray(), accented.Audio.Samples.ToArray());
        SynthesizedSpeech cyrillic = await espeak.SpeakAsync("Привет", voice: null);
        Assert.True(cyrillic.Audio.Duration.TotalSeconds > 0.3, "Cyrillic text should be spoken (spelled), not dropped");
    }

    [Fact]
    public async Task SpeakAsync_TextStartingWithDash_IsSpokenNotTakenAsAnOption()
    {
        var espeak = Create();

        SynthesizedSpeech speech = await espeak.SpeakAsync("--version -w /tmp/x.wav", voice: null);

        Assert.True(speech.Audio.Duration.TotalSeconds > 0.5);
    }

    [Fact]
    public async Task SpeakAsync_WithVoiceReference_WarnsItIsTheStockVoice()
    {
        var espeak = Create();

        SynthesizedSpeech speech = await espeak.SpeakAsync("Hi.", new VoiceReference("/p/voice/reference.wav", "hi", "/p"));

        Assert.NotNull(speech.Warning);
        Assert.Contains("stock voice", speech.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpeakAsync_CancelledWhileRunning_KillsTheProcess()
    {
        var espeak = Create();
        using var cancel = new CancellationTokenSource();
        int pid = 0;
        espeak.ProcessStarted = id => { pid = id; cancel.Cancel(); };
        string longText = string.Join(' ', Enumerable.Repeat("This sentence is spoken again and again until it is stopped.", 2000));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ((IStreamingSpeechSynthesizer)espeak).SpeakAsync(longText, voice: null, cancel.Token));

        Assert.NotEqual(0, pid);
        Assert.True(await HasExitedAsync(pid), $"espeak-ng (pid {pid}) is still running after cancellation");
    }

    [Fact]
    public async Task SpeakAsync_RunsPastTimeout_StopsAndNamesTheLimit()
    {
        var espeak = Create(o => o.Timeout = TimeSpan.FromMilliseconds(1));
        string longText = string.Join(' ', Enumerable.Repeat("This sentence is spoken again and again until it is stopped.", 2000));

        var error = await Assert.ThrowsAsync<MediaToolException>(() => espeak.SpeakAsync(longText, voice: null));

        Assert.Contains("did not finish within 0.001 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpeakAsync_EspeakMissing_SaysHowToInstallIt()
    {
        var espeak = Create(o => o.Executable = "/nonexistent/espeak-ng");

        var error = await Assert.ThrowsAsync<MediaToolException>(() => espeak.SpeakAsync("Hello.", voice: null));

        Assert.Equal(ToolFailure.NotFound, error.Failure);
        Assert.Contains("apt-get install espeak-ng", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tts:Executable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpeakAsync_UnknownVoice_FailsNamingTheVoice()
    {
        var espeak = Create(o => o.Voice = "xx-nosuchvoice");

        var error = await Assert.ThrowsAsync<MediaToolException>(() => espeak.SpeakAsync("Hello.", voice: null));

        Assert.Equal("espeak-ng", error.Tool);
    }

    [Fact]
    public async Task SpeakAsync_BlankText_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Create().SpeakAsync("  ", voice: null));
    }

    [Fact]
    public async Task SynthesizeAsync_TwoSentences_StreamsEachWithRunningOffsets()
    {
        var espeak = Create();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        List<SpeechAudioChunk> chunks = await ToListAsync(
            espeak.SynthesizeAsync(Texts("Hello there.", "  ", "I am a holographic avatar, and I can answer your questions."), voice: null, guard.Token));

        Assert.Equal([0, 2], chunks.Select(c => c.TextIndex).Distinct());
        Assert.Equal(2, chunks.Count(c => c.IsLastOfText));
        Assert.True(chunks.Last().IsLastOfText);
        Assert.All(chunks, c => Assert.Equal(22_050, c.Audio.SampleRateHz));
        Assert.All(chunks, c => Assert.Equal("espeak-ng", c.Engine));
        for (int i = 1; i < chunks.Count; i++)
        {
            Assert.Equal((chunks[i - 1].Audio.Start + chunks[i - 1].Audio.Duration).TotalSeconds, chunks[i].Audio.Start.TotalSeconds, 4);
        }
        double second = chunks.Where(c => c.TextIndex == 2).Sum(c => c.Audio.Duration.TotalSeconds);
        double first = chunks.Where(c => c.TextIndex == 0).Sum(c => c.Audio.Duration.TotalSeconds);
        Assert.True(second > first * 2, $"the long sentence gave {second:F2} s, the short one {first:F2} s");
        Assert.True(chunks.Count > 2, "the long sentence should come in more than one block");
    }

    [Fact]
    public async Task SynthesizeAsync_CancelledAfterFirstAudio_KillsEspeakMidSentence()
    {
        var espeak = Create();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        int pid = 0;
        espeak.ProcessStarted = id => pid = id;
        string longText = string.Join(' ', Enumerable.Repeat("This sentence is spoken again and again until it is stopped.", 400));
        var received = new List<SpeechAudioChunk>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SpeechAudioChunk chunk in espeak.SynthesizeAsync(Texts(longText, "Never spoken."), null, cancel.Token))
            {
                received.Add(chunk);
                cancel.Cancel(); // from inside the pipeline, on the first audio
            }
        });

        SpeechAudioChunk only = Assert.Single(received);
        Assert.False(only.IsLastOfText);
        Assert.NotEqual(0, pid);
        Assert.True(await HasExitedAsync(pid), $"espeak-ng (pid {pid}) is still running after cancellation");
    }

    [Fact]
    public async Task SynthesizeAsync_LeftEarly_KillsEspeak()
    {
        var espeak = Create();
        int pid = 0;
        espeak.ProcessStarted = id => pid = id;
        string longText = string.Join(' ', Enumerable.Repeat("This sentence is spoken again and again until it is stopped.", 400));

        await foreach (SpeechAudioChunk chunk in espeak.SynthesizeAsync(Texts(longText), null))
        {
            Assert.False(chunk.IsLastOfText);
            break;
        }

        Assert.NotEqual(0, pid);
        Assert.True(await HasExitedAsync(pid), $"espeak-ng (pid {pid}) is still running after the reader left");
    }

    internal static async IAsyncEnumerable<string> Texts(params string[] texts)
    {
        foreach (string text in texts)
        {
            await Task.Yield();
            yield return text;
        }
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items) { list.Add(item); }
        return list;
    }

    private static EspeakSpeechSynthesizer Create(Action<TtsOptions>? configure = null)
    {
        var options = new TtsOptions();
        configure?.Invoke(options);
        return new EspeakSpeechSynthesizer(Options.Create(options), NullLogger<EspeakSpeechSynthesizer>.Instance);
    }

    /// <summary>Waits (up to 10 s) for the process's exit, the runtime's own event for a child of this process; a kill
    /// takes effect within milliseconds.</summary>
    internal static async Task<bool> HasExitedAsync(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(patience.Token);
            return true;
        }
        catch (ArgumentException)
        {
            return true; // no such process any more
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
