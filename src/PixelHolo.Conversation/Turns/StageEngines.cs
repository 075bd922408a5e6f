using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PixelHolo.Conversation.Llm;
using PixelHolo.Conversation.Prompting;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Turns;

/// <summary>Everything a stage's turns use, resolved once by the factory.</summary>
internal sealed record StageEngines(
    IStreamingSpeechRecognizer Recognizer,
    IStreamingSpeechSynthesizer Synthesizer,
    IStreamingAvatarRenderer Renderer,
    IVoiceActivityDetector? VoiceActivity,
    IEndOfTurnDetector? EndOfTurn,
    IChatClient Chat,
    ILanguageModelReadiness Llm,
    ISearchStage Search,
    ITurnPromptComposer Composer,
    PersonaPromptBuilder Prompts,
    IConversationStore Store,
    IReadOnlyList<IStageObserver> Observers,
    TurnMetrics Metrics,
    TurnOptions Options,
    LlmOptions LlmOptions,
    ConversationOptions Conversation,
    TimeProvider Time,
    ILogger Logger);
