using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.VoiceActivity;
using PixelHolo.Speech.VoiceProfile;

namespace PixelHolo.Speech.Tests;

[Collection(nameof(SpeechModelsGroup))]
public sealed class SpeechServiceCollectionExtensionsTests(SpeechModelsFixture models)
{
    [Fact]
    public void AddSpeech_Resolves_EveryStageWithOneSharedDetector()
    {
        Assert.IsType<SelectingSpeechSynthesizer>(models.Services.GetRequiredService<IStreamingSpeechSynthesizer>());
        Assert.Contains(models.Services.GetServices<ITtsEngine>(), e => e is EspeakSpeechSynthesizer);
        var recognizer = Assert.IsType<SelectedSpeechRecognizer>(models.Services.GetRequiredService<IStreamingSpeechRecognizer>());
        Assert.Same(recognizer, models.Services.GetRequiredService<ISpeechRecognizerInfo>());
        Assert.IsType<VoiceReferenceBuilder>(models.Services.GetRequiredService<IVoiceReferenceBuilder>());
        Assert.Same(models.Services.GetRequiredService<IVoiceActivityDetector>(), models.Services.GetRequiredService<ISpeechSegmenter>());
    }
}
