using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Tests.Turns;

// Delegate-driven fakes at the seams the turn machine owns: they test orchestration (order, cancellation, faults). The
// real engines (pocketsphinx, espeak-ng, the loop renderer, Silero) have their own tests and the end-to-end turn test.

internal sealed class FakeStreamingRecognizer(Func<int, string> transcript) : IStreamingSpeechRecognizer
{
    public string Name => "fake-stt";

    public ConcurrentQueue<int> SamplesHeard { get; } = new();

    public async IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int samples = 0;
        await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken)) { samples += chunk.Samples.Length; }
        SamplesHeard.Enqueue(samples);
        yield return new TranscriptUpdate(transcript(samples), IsFinal: true, []);
    }
}

/// <summary>Speaks each piece as 0.1 s of audio per word (16 kHz); <see cref="FailOnPiece"/> makes one piece fail.</summary>
internal sealed class FakeStreamingSynthesizer : IStreamingSpeechSynthesizer
{
    public string Name => "fake-tts";

    public ConcurrentQueue<string> Pieces { get; } = new();

    public ConcurrentQueue<VoiceReference?> Voices { get; } = new();

    /// <summary>Pieces whose synthesis began although the turn was already cancelled (must stay 0).</summary>
    public int StartedAfterCancel => _startedAfterCancel;

    public int? FailOnPiece { get; set; }

    /// <summary>When set, synthesis of this piece (0-based) waits for <see cref="Held"/>: a test orders page reports before it.</summary>
    public int? HoldPiece { get; set; }

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _startedAfterCancel;

    public static TimeSpan DurationOf(string text) => TimeSpan.FromSeconds(0.1 * text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(IAsyncEnumerable<string> textChunks, VoiceReference? voice, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Voices.Enqueue(voice);
        int index = 0;
        await foreach (string text in textChunks.WithCancellation(cancellationToken))
        {
            if (cancellationToken.IsCancellationRequested) { Interlocked.Increment(ref _startedAfterCancel); }
            Pieces.Enqueue(text);
            if (HoldPiece == index) { await Held.Task.WaitAsync(cancellationToken); }
            if (FailOnPiece == index) { throw new InvalidOperationException($"synthesis of piece {index} broke"); }
            int samples = (int)(DurationOf(text).TotalSeconds * 16_000);
            // Two audio chunks per piece, as streaming engines deliver.
            yield return new SpeechAudioChunk(new AudioChunk(new float[samples / 2], 16_000, 1, TimeSpan.Zero), text, index, false, Name, "stock voice");
            await Task.Yield();
            yield return new SpeechAudioChunk(new AudioChunk(new float[samples - samples / 2], 16_000, 1, TimeSpan.Zero), text, index, true, Name, "stock voice");
            index++;
        }
    }
}

/// <summary>One frame per 40 ms of audio received, referencing the frame store. <see cref="StallOnChunk"/> makes it hang on
/// one audio chunk of an answer (0-based) until cancelled, a renderer that has fallen behind; <see cref="FailOnChunk"/> makes
/// it throw there.</summary>
internal sealed class FakeRenderer : IStreamingAvatarRenderer
{
    public string Name => "fake-renderer";

    public int Sessions => _sessions;

    public int? StallOnChunk { get; set; }

    public int? FailOnChunk { get; set; }

    /// <summary>Completed when a stalled render was cancelled (the turn machine gave up on it instead of leaving it hanging).</summary>
    public TaskCompletionSource StallCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _sessions;

    public Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _sessions);
        return Task.FromResult<IAvatarRenderSession>(new Session(this));
    }

    private sealed class Session(FakeRenderer renderer) : IAvatarRenderSession
    {
        private int _frame;

        public double FramesPerSecond => 25;

        public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            TimeSpan at = TimeSpan.Zero;
            int received = 0;
            await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken))
            {
                if (renderer.FailOnChunk == received) { throw new InvalidOperationException($"rendering chunk {received} broke"); }
                if (renderer.StallOnChunk == received)
                {
                    try { await Task.Delay(Timeout.Infinite, cancellationToken); }
                    finally { renderer.StallCancelled.TrySetResult(); }
                }
                received++;
                TimeSpan end = chunk.Start + chunk.Duration;
                for (; at < end; at += TimeSpan.FromMilliseconds(40)) { yield return new AvatarFrame(at, _frame++ % 100, null); }
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Voice activity by level: a window louder than −40 dBFS is speech. Stands in for Silero in orchestration tests.</summary>
internal sealed class LevelVoiceActivityDetector : IVoiceActivityDetector
{
    /// <summary>When set, scoring waits for it before the first score: a detector lagging behind audio that arrives faster
    /// than real time.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public IAsyncEnumerable<Utterance> DetectAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The turn machine scores windows; it never asks for utterances.");

    public async IAsyncEnumerable<VoiceActivityScore> ScoreAsync(IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken))
        {
            if (Gate is { } gate) { await gate.Task.WaitAsync(cancellationToken); }
            double sum = 0;
            foreach (float s in chunk.Samples.Span) { sum += s * s; }
            float db = sum == 0 ? -100f : (float)(10 * Math.Log10(sum / chunk.Samples.Length));
            yield return new VoiceActivityScore(chunk.Start, chunk.Duration, db > -40 ? 0.95f : 0.02f, db);
        }
    }
}

internal sealed class OneProfileStore(AvatarProfile profile) : IProfileStore
{
    public Task<AvatarProfile> CreateAsync(string name, string personality, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<AvatarProfile?> FindAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(id == profile.Id ? profile : null);

    public Task<IReadOnlyList<AvatarProfile>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<AvatarProfile>>([profile]);

    public Task<bool> RenameAsync(string id, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task MarkReadyAsync(string id, string folder, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task MarkFailedAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
