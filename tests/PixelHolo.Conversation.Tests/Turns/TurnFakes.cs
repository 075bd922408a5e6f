using System.Collections.Concurrent;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Tests.Turns;

// Hand-written fakes at boundaries we own: they test the engine's orchestration (order, errors, history).
// Speech, rendering and storage each have real tests in their own projects.

internal sealed class FakeSpeechSynthesizer : ISpeechSynthesizer
{
    public ConcurrentQueue<string> Spoken { get; } = new();

    public string Name => "fake";

    public Task<SynthesizedSpeech> SynthesizeAsync(string text, VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        Spoken.Enqueue(text);
        float[] samples = new float[16_000 * text.Length / 15]; // about 15 characters a second
        return Task.FromResult(new SynthesizedSpeech(new AudioChunk(samples, 16_000, 1, TimeSpan.Zero), Name, "stock voice"));
    }
}

internal sealed class FakeClipRenderer : IAvatarRenderer
{
    public int Calls { get; private set; }

    public string Name => "fake";

    public Task<RenderedClip> RenderAsync(AvatarProfile profile, SynthesizedSpeech speech, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(new RenderedClip("/dev/null", speech.Audio.Duration, TimeSpan.Zero, speech.Audio.Duration));
    }
}

internal sealed class MemoryConversationStore : IConversationStore
{
    public ConcurrentQueue<TurnRecord> Turns { get; } = new();

    public Task<string> StartAsync(string profileId, CancellationToken cancellationToken = default) => Task.FromResult("conv-" + profileId);

    public Task AddTurnAsync(string conversationId, TurnRecord turn, CancellationToken cancellationToken = default)
    {
        Turns.Enqueue(turn);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TurnRecord>>([.. Turns]);

    public Task<IReadOnlyList<TurnRecord>> GetRecentTurnsAsync(int count, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TurnRecord>>([.. Turns.Reverse().Take(count)]);
}

internal sealed class RecordingStageEvents : IStageEvents
{
    public ConcurrentQueue<(StageState State, string? Detail)> Events { get; } = new();

    public IReadOnlyList<StageState> States => [.. Events.Select(e => e.State)];

    public void Publish(StageState state, string? detail = null) => Events.Enqueue((state, detail));
}
