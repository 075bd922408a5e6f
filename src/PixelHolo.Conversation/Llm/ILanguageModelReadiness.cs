namespace PixelHolo.Conversation.Llm;

/// <summary>Whether the configured language model can answer now, for each provider in its own terms (Ollama: the
/// server answers and has the model; an OpenAI-compatible server: it lists the model; embedded: the GGUF file loads).
/// Errors name the provider actually configured and its fix.</summary>
public interface ILanguageModelReadiness
{
    /// <summary>Provider and model as shown in logs, status and the turn record, e.g. "ollama:phi4-mini".</summary>
    string Name { get; }

    /// <summary>Returns once the model can answer; throws a <see cref="Core.Errors.ServiceUnavailableException"/> with the fix otherwise.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Short status for /status: reachable or not, version, model present.</summary>
    Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns a failure of the chat call into the message the stage shows: what failed and what to do, naming
    /// this provider. Also forgets the "ready" state so the next turn probes again.</summary>
    string DescribeFailure(Exception exception);
}

/// <summary>What a provider reports for the status page.</summary>
/// <param name="Provider">"ollama", "openai" or "embedded".</param>
/// <param name="Model">The configured model.</param>
/// <param name="Ready">True when a turn would be answered now.</param>
/// <param name="Detail">Version, endpoint or file, and the fix when not ready.</param>
public sealed record LanguageModelStatus(string Provider, string Model, bool Ready, string Detail);
