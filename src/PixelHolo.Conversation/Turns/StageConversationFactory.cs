using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Conversation.Prompting;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Turns;

/// <summary>Opens stage conversations: finds the profile and its voice reference (<c>voice/reference.wav</c> + <c>.txt</c>,
/// always handed to the synthesiser), opens the renderer's session for the stage and starts a stored conversation.</summary>
internal sealed partial class StageConversationFactory(
    IServiceProvider services,
    IProfileStore profiles,
    IConversationStore store,
    IOptions<TurnOptions> turnOptions,
    IOptions<LlmOptions> llmOptions,
    IOptions<ConversationOptions> conversationOptions,
    TimeProvider time,
    ILogger<StageConversation> logger) : IStageConversationFactory
{
    public const string VoiceFolder = "voice";
    public const string ReferenceWav = "reference.wav";
    public const string ReferenceText = "reference.txt";

    public Task<IStageConversation> OpenAsync(string profileId, ListeningMode mode, CancellationToken cancellationToken = default) =>
        OpenAsync(profileId, mode, headless: false, cancellationToken);

    public Task<IStageConversation> OpenHeadlessAsync(string profileId, CancellationToken cancellationToken = default) =>
        OpenAsync(profileId, ListeningMode.PressToTalk, headless: true, cancellationToken);

    private async Task<IStageConversation> OpenAsync(string profileId, ListeningMode mode, bool headless, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(profileId);
        AvatarProfile profile = await profiles.FindAsync(profileId, cancellationToken)
            ?? throw new ProfileUnavailableException(profileId, $"There is no profile '{profileId}'. See `pixelholo profiles list` or upload a clip.");
        if (profile.Status != ProfileStatus.Ready)
        {
            throw new ProfileUnavailableException(profileId,
                $"Profile '{profileId}' is {profile.Status.ToString().ToLowerInvariant()}, not ready. Wait for its enrollment or upload the clip again.");
        }
        StageEngines engines = Resolve();
        VoiceReference? voice = await ReadVoiceReferenceAsync(profile, cancellationToken);
        if (voice is null) { LogNoVoiceReference(logger, profile.Id); }
        IAvatarRenderSession render = await engines.Renderer.OpenAsync(profile, cancellationToken);
        try
        {
            string conversationId = await store.StartAsync(profile.Id, cancellationToken);
            LogOpened(logger, profile.Id, mode, headless, engines.Recognizer.Name, engines.Llm.Name, engines.Synthesizer.Name, engines.Renderer.Name);
            return new StageConversation(engines, profile, voice, render, conversationId, mode, headless);
        }
        catch
        {
            await render.DisposeAsync();
            throw;
        }
    }

    /// <summary>The profile's voice reference, or null when enrollment found too little clean speech for one.</summary>
    public static async Task<VoiceReference?> ReadVoiceReferenceAsync(AvatarProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string wav = Path.Combine(profile.Folder, VoiceFolder, ReferenceWav);
        string text = Path.Combine(profile.Folder, VoiceFolder, ReferenceText);
        if (!File.Exists(wav)) { return null; }
        string transcript = File.Exists(text) ? (await File.ReadAllTextAsync(text, cancellationToken)).Trim() : "";
        return new VoiceReference(wav, transcript, profile.Folder);
    }

    private StageEngines Resolve() => new(
        Require<IStreamingSpeechRecognizer>("speech recogniser", "pocketsphinx (apt-get install pocketsphinx pocketsphinx-en-us)"),
        Require<IStreamingSpeechSynthesizer>("speech synthesiser", "espeak-ng (apt-get install espeak-ng)"),
        Require<IStreamingAvatarRenderer>("avatar renderer", "the loop renderer (AddMedia)"),
        services.GetService<IVoiceActivityDetector>(),
        services.GetService<IEndOfTurnDetector>(),
        services.GetRequiredService<IChatClient>(),
        services.GetRequiredService<ILanguageModelReadiness>(),
        services.GetRequiredService<ISearchStage>(),
        services.GetRequiredService<ITurnPromptComposer>(),
        services.GetRequiredService<PersonaPromptBuilder>(),
        store,
        [.. services.GetServices<IStageObserver>()],
        services.GetRequiredService<TurnMetrics>(),
        turnOptions.Value,
        llmOptions.Value,
        conversationOptions.Value,
        time,
        logger);

    private T Require<T>(string what, string fix) where T : class =>
        services.GetService<T>() ?? throw new ServiceUnavailableException(what,
            $"No streaming {what} is installed, so the stage cannot talk. Install {fix} and run `pixelholo doctor`.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage {ProfileId} opened ({Mode}, headless {Headless}): stt {Stt}, llm {Llm}, tts {Tts}, renderer {Renderer}")]
    private static partial void LogOpened(ILogger logger, string profileId, ListeningMode mode, bool headless, string stt, string llm, string tts, string renderer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId} has no voice reference (voice/reference.wav): a cloning synthesiser will use its stock voice")]
    private static partial void LogNoVoiceReference(ILogger logger, string profileId);
}
