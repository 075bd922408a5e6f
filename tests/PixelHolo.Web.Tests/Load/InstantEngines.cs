using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;

namespace PixelHolo.Web.Tests.Load;

/// <summary>Fast in-process engines for the load and soak runs: real implementations of the stage's seams (a chat client that
/// streams a fixed answer token by token, a synthesiser that turns each text piece into 0.2 s of a quiet tone, a renderer that
/// gives one frame per 40 ms of speech) so that what is measured is the server — Kestrel, the stage sockets, the turn state
/// machine, the chunker, the intent classifier, SQLite, the status endpoint — not a model.</summary>
internal static class InstantEngines
{
    /// <summary>Replaces the language model, recogniser, synthesiser and renderer of a PixelHolo container with these.</summary>
    public static void Install(IServiceCollection services)
    {
        services.RemoveAll<IChatClient>();
        services.AddSingleton<IChatClient, InstantChatClient>();
        services.RemoveAll<ILanguageModelReadiness>();
        services.AddSingleton<ILanguageModelReadiness, InstantLanguageModel>();
        services.RemoveAll<IStreamingSpeechRecognizer>();
        services.AddSingleton<IStreamingSpeechRecognizer, InstantRecognizer>();
        services.RemoveAll<IStreamingSpeechSynthesizer>();
        services.AddSingleton<IStreamingSpeechSynthesizer, InstantSynthesizer>();
        services.RemoveAll<IStreamingAvatarRenderer>();
        services.AddSingleton<IStreamingAvatarRenderer, InstantRenderer>();
    }

    /// <summary>The answer every turn streams: two sentences and a clause, so the chunker cuts several pieces.</summary>
    public static readonly IReadOnlyList<string> AnswerTokens =
        ["Well", ",", " I", " worked", " on", " ships", " for", " twenty", " years", ".", " The", " engine", " room", " was", " loud",
         ",", " hot", " and", " I", " loved", " it", ".", " Ask", " me", " anything", " else", "."];

    private sealed class InstantChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(AnswerTokens))));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (string token in AnswerTokens)
            {
                await Task.Yield(); // each token a separate continuation, as from a socket
                cancellationToken.ThrowIfCancellationRequested();
                yield return new ChatResponseUpdate(ChatRole.Assistant, token);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }

    private sealed class InstantLanguageModel : ILanguageModelReadiness
    {
        public string Name => "instant";

        public Task EnsureReadyAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new LanguageModelStatus("instant", "instant", true, "in process"));

        public string DescribeFailure(Exception exception) => exception.Message;
    }

    private sealed class InstantRecognizer : IStreamingSpeechRecognizer
    {
        public string Name => "instant";

        public async IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            int chunks = 0;
            await foreach (AudioChunk _ in audio.WithCancellation(cancellationToken)) { chunks++; }
            yield return new TranscriptUpdate(chunks > 0 ? "tell me about your work" : "", true, []);
        }
    }

    private sealed class InstantSynthesizer : IStreamingSpeechSynthesizer
    {
        private const int RateHz = 16_000;

        /// <summary>0.2 s of a quiet 220 Hz tone.</summary>
        private static readonly float[] Piece = [.. Enumerable.Range(0, RateHz / 5).Select(i => 0.1f * MathF.Sin(2 * MathF.PI * 220 * i / RateHz))];

        public string Name => "instant";

        public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(IAsyncEnumerable<string> textChunks, VoiceReference? voice,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            int index = 0;
            TimeSpan start = TimeSpan.Zero;
            await foreach (string text in textChunks.WithCancellation(cancellationToken))
            {
                var chunk = new AudioChunk(Piece, RateHz, 1, start);
                start += chunk.Duration;
                yield return new SpeechAudioChunk(chunk, text, index++, true, Name, null);
            }
        }
    }

    private sealed class InstantRenderer : IStreamingAvatarRenderer
    {
        public string Name => "instant";

        public Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default) =>
            Task.FromResult<IAvatarRenderSession>(new Session());

        private sealed class Session : IAvatarRenderSession
        {
            public double FramesPerSecond => 25;

            public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken))
                {
                    for (TimeSpan t = TimeSpan.Zero; t < chunk.Duration; t += TimeSpan.FromSeconds(1 / FramesPerSecond))
                    {
                        yield return new AvatarFrame(chunk.Start + t, 0, null);
                    }
                }
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
