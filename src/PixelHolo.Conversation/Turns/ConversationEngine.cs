using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Conversation.Prompting;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Search;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Turns;

/// <summary>The turn: intent and search → language model (streamed) → speech → footage → stage. Every stage change is a
/// <see cref="StageEvent"/>; a failure shows the error state with its fix and never enters the history.</summary>
public sealed partial class ConversationEngine(
    IChatClient chat,
    OllamaServer ollama,
    IOptions<LlmOptions> llmOptions,
    IOptions<ConversationOptions> conversationOptions,
    PersonaPromptBuilder prompts,
    ISearchStage searchStage,
    ITurnPromptComposer composer,
    ISpeechSynthesizer speech,
    IAvatarRenderer renderer,
    IConversationStore store,
    TimeProvider time,
    ILogger<ConversationEngine> logger)
{
    private const string PreviousQueryKey = "search.previousQuery";
    private static readonly ActivitySource Activities = new("PixelHolo.Conversation");

    public async Task<ConversationSession> StartAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string id = await store.StartAsync(profile.Id, cancellationToken);
        return new ConversationSession(id, profile);
    }

    /// <param name="render">Render the answer as a clip of the avatar (the stage); false for text and speech only.</param>
    public async Task<TurnResult> AskAsync(ConversationSession session, string question, IStageEvents events, bool render = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(events);
        question = question.Trim();
        if (question.Length == 0) { throw new ArgumentException("The question is empty.", nameof(question)); }
        await session.TurnGate.WaitAsync(cancellationToken);
        using Activity? activity = Activities.StartActivity("turn");
        var timings = new TurnTimings();
        try
        {
            long searchStarted = time.GetTimestamp();
            SearchOutcome? outcome = null;
            if (searchStage.Classify(question).NeedsSearch)
            {
                events.Publish(StageState.Searching);
                outcome = await searchStage.SearchAsync(question, session.State.Values.GetValueOrDefault(PreviousQueryKey), cancellationToken);
                if (outcome is SearchFailed) { events.Publish(StageState.SearchFailed, ISearchStage.FailedDetail); }
                timings.Record("search", time.GetElapsedTime(searchStarted));
                session.State.Values[PreviousQueryKey] = outcome.Query;
            }

            events.Publish(StageState.Thinking);
            string answer = await AnswerAsync(session, question, outcome, timings, cancellationToken);

            long ttsStarted = time.GetTimestamp();
            SynthesizedSpeech voice = await speech.SynthesizeAsync(answer, null, cancellationToken);
            timings.Record("tts", time.GetElapsedTime(ttsStarted));

            RenderedClip? clip = null;
            if (render)
            {
                long renderStarted = time.GetTimestamp();
                clip = await renderer.RenderAsync(session.Profile, voice, cancellationToken);
                timings.Record("render", time.GetElapsedTime(renderStarted));
            }

            session.History.Add(new ChatMessage(ChatRole.User, question));
            session.History.Add(new ChatMessage(ChatRole.Assistant, answer));
            await store.AddTurnAsync(session.ConversationId, new TurnRecord(question, answer, null, timings.Seconds, time.GetUtcNow()), CancellationToken.None);
            events.Publish(StageState.Speaking, voice.Warning);
            LogTurn(logger, session.ConversationId, answer.Length, timings.Seconds.GetValueOrDefault("llm"));
            return new TurnResult(question, answer, null, clip, voice.Warning, timings.Seconds, voice);
        }
        catch (Exception ex) when (IsTurnFailure(ex, cancellationToken))
        {
            // The turn fails, the conversation does not: show the error state with its fix, keep history clean.
            string message = Describe(ex);
            events.Publish(StageState.Error, message);
            await store.AddTurnAsync(session.ConversationId, new TurnRecord(question, null, message, timings.Seconds, time.GetUtcNow()), CancellationToken.None);
            LogTurnFailed(logger, session.ConversationId, ex);
            return new TurnResult(question, null, message, null, null, timings.Seconds);
        }
        finally
        {
            session.TurnGate.Release();
        }
    }

    private async Task<string> AnswerAsync(ConversationSession session, string question, SearchOutcome? search, TurnTimings timings, CancellationToken cancellationToken)
    {
        LlmOptions o = llmOptions.Value;
        long started = time.GetTimestamp();
        if (o.Provider == "ollama") { await ollama.EnsureReadyAsync(cancellationToken); }
        var messages = new List<ChatMessage> { new(ChatRole.System, composer.BuildSystemPrompt(prompts.Build(session.Profile))) };
        int keep = conversationOptions.Value.HistoryMessages;
        messages.AddRange(session.History.Skip(Math.Max(0, session.History.Count - keep)));
        // Web results (untrusted, delimited) or the plain statement that the search failed go before the question;
        // the history keeps only the question itself.
        messages.Add(new ChatMessage(ChatRole.User, composer.BuildUserMessage(question, search)));
        var chatOptions = new ChatOptions { Temperature = o.Temperature, MaxOutputTokens = o.MaxOutputTokens, ModelId = o.Model };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(o.Timeout);
        var answer = new StringBuilder();
        try
        {
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(messages, chatOptions, limit.Token))
            {
                // The last update carries the finish reason with empty text; it is not a token.
                if (string.IsNullOrEmpty(update.Text)) { continue; }
                if (answer.Length == 0) { timings.Record("llm-first-token", time.GetElapsedTime(started)); }
                answer.Append(update.Text);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The language model did not finish its answer within {o.Timeout.TotalSeconds:0} s (Llm:Timeout). Try a smaller model or raise the limit.");
        }
        timings.Record("llm", time.GetElapsedTime(started));
        string text = SpokenText.Clean(answer.ToString());
        if (text.Length == 0)
        {
            throw new ServiceUnavailableException("llm", $"The language model '{o.Model}' returned an empty answer. Check that the model works with `ollama run {o.Model}`.");
        }
        return text;
    }

    private static bool IsTurnFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private string Describe(Exception ex)
    {
        LlmOptions o = llmOptions.Value;
        if (ex is HttpRequestException http)
        {
            ollama.Invalidate();
            if (http.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return $"The language model server at {o.Endpoint} does not have the model '{o.Model}'. Run `ollama pull {o.Model}` or set PIXELHOLO_Llm__Model.";
            }
            return $"The language model server at {o.Endpoint} could not be reached ({http.Message}). Start it with `ollama serve` or set PIXELHOLO_Llm__Endpoint.";
        }
        if (ex is PixelHoloException or TimeoutException) { return ex.Message; }
        ollama.Invalidate();
        return $"The answer could not be made: {ex.Message}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId}: answered ({Characters} characters, LLM {LlmSeconds:F2} s)")]
    private static partial void LogTurn(ILogger logger, string conversationId, int characters, double llmSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: turn failed")]
    private static partial void LogTurnFailed(ILogger logger, string conversationId, Exception exception);
}
