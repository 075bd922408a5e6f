using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PixelHolo.Core.Errors;

namespace PixelHolo.Conversation.Llm;

/// <summary>Provider "auto": the server (Ollama) answers when it is reachable; when it is not and the embedded GGUF file is
/// present, the embedded model answers instead, and <see cref="Name"/> says so with the reason. Probed again on each turn
/// that is not yet served, so a server that comes up later takes over.</summary>
public sealed class FallbackLanguageModel(ILanguageModelReadiness server, IChatClient serverClient, EmbeddedLanguageModel embedded)
    : IChatClient, ILanguageModelReadiness
{
    private volatile string? _fallbackReason;

    /// <summary>Why the embedded model answers (the server's failure), or null while the server answers.</summary>
    public string? FallbackReason => _fallbackReason;

    public string Name => _fallbackReason is { } reason ? $"{embedded.Name} (fallback: {reason})" : server.Name;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await server.EnsureReadyAsync(cancellationToken);
            _fallbackReason = null;
        }
        catch (ServiceUnavailableException serverDown) when (embedded.FileExists)
        {
            await embedded.EnsureReadyAsync(cancellationToken);
            _fallbackReason = serverDown.Message;
        }
        catch (ServiceUnavailableException serverDown)
        {
            throw new ServiceUnavailableException("auto",
                $"No language model can answer. {serverDown.Message} Or answer without a server: the embedded model " +
                $"{embedded.ModelPath} is missing; run `{EmbeddedLanguageModel.PullCommand}`.", serverDown);
        }
    }

    public async Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        LanguageModelStatus s = await server.GetStatusAsync(cancellationToken);
        if (s.Ready) { return s; }
        LanguageModelStatus e = await embedded.GetStatusAsync(cancellationToken);
        return e.Ready
            ? e with { Detail = $"{e.Detail}; fallback because {s.Provider} is not ready: {s.Detail}" }
            : new LanguageModelStatus("auto", s.Model, false, $"{s.Provider}: {s.Detail}; embedded fallback: {e.Detail}");
    }

    public string DescribeFailure(Exception exception) =>
        _fallbackReason is null ? server.DescribeFailure(exception) : embedded.DescribeFailure(exception);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Current.GetResponseAsync(messages, options, cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (ChatResponseUpdate update in Current.GetStreamingResponseAsync(messages, options, cancellationToken)) { yield return update; }
    }

    private IChatClient Current => _fallbackReason is null ? serverClient : embedded;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
        // The server client and the embedded model are the container's to dispose.
    }
}
