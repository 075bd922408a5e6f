using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Speech.EndOfTurn;
using PixelHolo.Speech.Native;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.TextToSpeech.Chatterbox;
using PixelHolo.Speech.TextToSpeech.Matched;
using PixelHolo.Speech.VoiceActivity;
using PixelHolo.Speech.VoiceProfile;

namespace PixelHolo.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>Adds voice activity detection (Silero v6, needs <c>AddInference</c>), espeak-ng text to speech,
    /// speech to text (sherpa-onnx Parakeet/Moonshine/Whisper when installed, else PocketSphinx) and the voice reference builder, with their options bound and validated at start.</summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services)
    {
        services.AddOptions<VoiceActivityOptions>().BindConfiguration(VoiceActivityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TtsOptions>().BindConfiguration(TtsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SpeechToTextOptions>().BindConfiguration(SpeechToTextOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VoiceReferenceOptions>().BindConfiguration(VoiceReferenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // One detector (one ONNX session) behind both faces; the container disposes it.
        services.TryAddSingleton<SileroVoiceActivityDetector>();
        services.TryAddSingleton<IVoiceActivityDetector>(sp => sp.GetRequiredService<SileroVoiceActivityDetector>());
        services.TryAddSingleton<ISpeechSegmenter>(sp => sp.GetRequiredService<SileroVoiceActivityDetector>());
        services.TryAddSingleton<EspeakSpeechSynthesizer>();
        services.TryAddSingleton<ISpeechSynthesizer>(sp => sp.GetRequiredService<EspeakSpeechSynthesizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITtsEngine, EspeakSpeechSynthesizer>(sp => sp.GetRequiredService<EspeakSpeechSynthesizer>()));
        services.AddOptions<ChatterboxOptions>().BindConfiguration(ChatterboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(ChatterboxSpeechSynthesizer.HttpClientName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITtsEngine, ChatterboxSpeechSynthesizer>());
        services.TryAddSingleton<MatchedVoiceEstimator>();
        services.TryAddSingleton<MatchedVoiceStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITtsEngine, MatchedSpeechSynthesizer>());
        // The app speaks through the selector: configured engine, then Pocket, Chatterbox server, matched voice, stock espeak-ng.
        services.TryAddSingleton<SelectingSpeechSynthesizer>();
        services.TryAddSingleton<IStreamingSpeechSynthesizer>(sp => sp.GetRequiredService<SelectingSpeechSynthesizer>());
        services.TryAddSingleton<IVoiceChooser>(sp => sp.GetRequiredService<SelectingSpeechSynthesizer>());
        // Speech to text: the best installed sherpa-onnx recogniser, else pocketsphinx (with its warning), chosen once.
        services.AddOptions<SherpaOptions>().BindConfiguration(SherpaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SherpaLibrary>();
        services.TryAddSingleton<PocketSphinxSpeechRecognizer>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<SelectedSpeechRecognizer>(sp, Environment.ProcessorCount));
        services.TryAddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<SelectedSpeechRecognizer>());
        services.TryAddSingleton<IStreamingSpeechRecognizer>(sp => sp.GetRequiredService<SelectedSpeechRecognizer>());
        services.TryAddSingleton<ISpeechRecognizerInfo>(sp => sp.GetRequiredService<SelectedSpeechRecognizer>());
        services.TryAddSingleton<IVoiceReferenceBuilder, VoiceReferenceBuilder>();
        // Pocket TTS (cloning, when `pixelholo models pull tts` has run): the engine chain picks it up by type and reads
        // PocketSpeechSynthesizer.UnavailableReason to fall back visibly.
        services.AddOptions<PocketTtsOptions>().BindConfiguration(PocketTtsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PocketSpeechSynthesizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITtsEngine, PocketSpeechSynthesizer>(sp => sp.GetRequiredService<PocketSpeechSynthesizer>()));
        // End of turn: Smart Turn v3.2 when its model is present (IsAvailable tells the turn to fall back otherwise).
        services.AddOptions<EndOfTurnOptions>().BindConfiguration(EndOfTurnOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEndOfTurnDetector, SmartTurnEndOfTurnDetector>();
        return services;
    }
}
