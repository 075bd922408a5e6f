using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Conversation;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;

namespace PixelHolo.Bench;

/// <summary>The turn state machine with instant in-process engines (the model yields 40 tokens at once, synthesis and
/// rendering return immediately): everything measured is orchestration — queues, channels, the chunker, the intent
/// classifier, state changes, history — per turn, and the resident size over 200 consecutive turns.</summary>
internal static class TurnBenchmark
{
    public static async Task OverheadAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Search:Providers:0"] = "DuckDuckGo",
        }).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddConversation();
        services.AddSingleton<IChatClient, InstantChat>();
        services.AddSingleton<ILanguageModelReadiness, InstantReadiness>();
        services.AddSingleton<IStreamingSpeechRecognizer, InstantEngines>();
        services.AddSingleton<IStreamingSpeechSynthesizer, InstantEngines>();
        services.AddSingleton<IStreamingAvatarRenderer, InstantEngines>();
        services.AddSingleton<IConversationStore, NullStore>();
        var profile = new AvatarProfile("bench", "Ada", "You are Ada.", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, "/nonexistent");
        services.AddSingleton<IProfileStore>(new SingleProfileStore(profile));
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using IStageConversation stage = await provider.GetRequiredService<IStageConversationFactory>().OpenHeadlessAsync("bench");
        await using IAsyncEnumerator<StageOutput> outputs = stage.ReadOutputsAsync().GetAsyncEnumerator();

        const int Turns = 200;
        var seconds = new List<double>(Turns);
        long rssAt10 = 0;
        for (int i = 0; i < Turns; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await stage.SendAsync(new StageInput.TextQuestion($"tell me about your family, question {i}"));
            while (await outputs.MoveNextAsync() && outputs.Current is not StageOutput.TurnCompleted) { }
            seconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (i == 9) { GC.Collect(); rssAt10 = Environment.WorkingSet; }
        }
        GC.Collect();
        long rssAt200 = Environment.WorkingSet;
        double[] warm = [.. seconds.Skip(10).Order()];
        Console.WriteLine(string.Create(c, $"turn overhead (instant engines, 40 tokens, 6 pieces): median {warm[warm.Length / 2]:F2} ms, p95 {warm[(int)(warm.Length * 0.95)]:F2} ms, first turn {seconds[0]:F1} ms (JIT)"));
        Console.WriteLine(string.Create(c, $"resident size: {rssAt10 / 1048576.0:F1} MB after 10 turns, {rssAt200 / 1048576.0:F1} MB after {Turns} ({(rssAt200 - rssAt10) * 100.0 / rssAt10:+0.0;-0.0} %)"));
    }

    private sealed class InstantChat : IChatClient
    {
        private static readonly string[] Tokens = [.. Enumerable.Range(0, 40).Select(i => i % 7 == 6 ? " sentence ends here." : " word")];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(Tokens))));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Well");
            foreach (string token in Tokens) { yield return new ChatResponseUpdate(ChatRole.Assistant, token); }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }

    private sealed class InstantReadiness : ILanguageModelReadiness
    {
        public string Name => "instant";

        public Task EnsureReadyAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new LanguageModelStatus("instant", "instant", true, "in process"));

        public string DescribeFailure(Exception exception) => exception.Message;
    }

    internal sealed class InstantEngines : IStreamingSpeechRecognizer, IStreamingSpeechSynthesizer, IStreamingAvatarRenderer, IAvatarRenderSession
    {
        private static readonly float[] Silence = new float[1600];

        public string Name => "instant";

        public double FramesPerSecond => 25;

        public async IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (AudioChunk _ in audio.WithCancellation(cancellationToken)) { }
            yield return new TranscriptUpdate("hello", true, []);
        }

        public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(IAsyncEnumerable<string> textChunks, VoiceReference? voice, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            int index = 0;
            await foreach (string text in textChunks.WithCancellation(cancellationToken))
            {
                yield return new SpeechAudioChunk(new AudioChunk(Silence, 16_000, 1, TimeSpan.Zero), text, index++, true, Name, null);
            }
        }

        public Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default) => Task.FromResult<IAvatarRenderSession>(this);

        public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken)) { yield return new AvatarFrame(chunk.Start, 0, null); }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    internal sealed class NullStore : IConversationStore
    {
        public Task<string> StartAsync(string profileId, CancellationToken cancellationToken = default) => Task.FromResult("bench");

        public Task AddTurnAsync(string conversationId, TurnRecord turn, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<TurnRecord>>([]);

        public Task<IReadOnlyList<TurnRecord>> GetRecentTurnsAsync(int count, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<TurnRecord>>([]);
    }

    internal sealed class SingleProfileStore(AvatarProfile profile) : IProfileStore
    {
        public Task<AvatarProfile> CreateAsync(string name, string personality, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AvatarProfile?> FindAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult<AvatarProfile?>(id == profile.Id ? profile : null);

        public Task<IReadOnlyList<AvatarProfile>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<AvatarProfile>>([profile]);

        public Task MarkReadyAsync(string id, string folder, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task MarkFailedAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RenameAsync(string id, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
