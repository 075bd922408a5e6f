using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.VoiceActivity;
using PixelHolo.Speech.VoiceProfile;

namespace PixelHolo.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>Adds voice activity detection (Silero v6, needs <c>AddInference</c>), espeak-ng text to speech,
    /// PocketSphinx speech to text and the voice reference builder, with their options bound and validated at start.</summary>
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
        services.TryAddSingleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.TryAddSingleton<PocketSphinxSpeechRecognizer>();
        services.TryAddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<PocketSphinxSpeechRecognizer>());
        services.TryAddSingleton<IStreamingSpeechRecognizer>(sp => sp.GetRequiredService<PocketSphinxSpeechRecognizer>());
        services.TryAddSingleton<IVoiceReferenceBuilder, VoiceReferenceBuilder>();
        return services;
    }
}
