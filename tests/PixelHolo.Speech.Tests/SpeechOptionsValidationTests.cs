using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PixelHolo.Inference;

namespace PixelHolo.Speech.Tests;

public sealed class SpeechOptionsValidationTests
{
    [Theory]
    [InlineData("Tts:WordsPerMinute", "5")]
    [InlineData("Tts:Voice", "en us; rm -rf /")]
    [InlineData("VoiceActivity:Threshold", "1.5")]
    [InlineData("VoiceActivity:EndOfTurnSilence", "00:01:00")]
    [InlineData("VoiceReference:MaxSpeech", "00:00:01")]
    public async Task StartAsync_OutOfRangeSetting_FailsAtStartNamingIt(string key, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddInference();
        builder.Services.AddSpeech();
        using IHost host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }
}
