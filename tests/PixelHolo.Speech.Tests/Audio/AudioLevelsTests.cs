using PixelHolo.Core.Audio;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.Tests.Audio;

public sealed class AudioLevelsTests
{
    [Fact]
    public void TrimSilence_ToneBetweenSilences_KeepsToneWith30MsPadding()
    {
        AudioChunk audio = TestAudio.Concat(TestAudio.Silence(1.0), TestAudio.Sine(440, 0.5), TestAudio.Silence(1.0));

        AudioChunk trimmed = AudioLevels.TrimSilence(audio, thresholdDb: 35, TimeSpan.FromMilliseconds(30));

        Assert.Equal(0.97, trimmed.Start.TotalSeconds, 3);
        Assert.Equal(0.56, trimmed.Duration.TotalSeconds, 3);
    }

    [Fact]
    public void TrimSilence_QuietHissBelowThreshold_IsTrimmed()
    {
        var random = new Random(7);
        AudioChunk hiss = TestAudio.Silence(0.5);
        float[] noisy = hiss.Samples.ToArray();
        for (int i = 0; i < noisy.Length; i++) { noisy[i] = (float)((random.NextDouble() - 0.5) * 0.002); } // about -65 dBFS
        AudioChunk audio = TestAudio.Concat(hiss with { Samples = noisy }, TestAudio.Sine(440, 0.5), hiss with { Samples = noisy });

        AudioChunk trimmed = AudioLevels.TrimSilence(audio);

        Assert.Equal(0.56, trimmed.Duration.TotalSeconds, 2);
    }

    [Fact]
    public void TrimSilence_AllSilent_ReturnsEmpty()
    {
        Assert.True(AudioLevels.TrimSilence(TestAudio.Silence(1)).Samples.IsEmpty);
    }

    [Fact]
    public void RmsDb_FullScaleSine_IsMinus3Db()
    {
        Assert.Equal(-3.01, AudioLevels.RmsDb(TestAudio.Sine(1000, 1, amplitude: 1f).Samples.Span), 2);
        Assert.Equal(AudioLevels.SilenceDb, AudioLevels.RmsDb(TestAudio.Silence(0.1).Samples.Span));
    }
}
