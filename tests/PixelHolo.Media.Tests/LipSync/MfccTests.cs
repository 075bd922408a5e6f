using PixelHolo.Media.LipSync;

namespace PixelHolo.Media.Tests.LipSync;

public sealed class MfccTests
{
    [Fact]
    public void Add_ToneBurstBetweenSilences_EnergyHighExactlyInTheBurst()
    {
        // 0.5 s silence, 0.3 s of 1 kHz at half scale, 0.5 s silence (16 kHz).
        float[] audio = new float[16_000 * 13 / 10];
        for (int i = 8_000; i < 12_800; i++) { audio[i] = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * i / 16_000f); }
        var mfcc = new Mfcc();

        List<float[]> hops = mfcc.Add(audio);

        // Hop j covers samples [160 j, 160 j + 400): hops 50..77 lie wholly inside the burst, 0..46 and 81.. wholly outside.
        Assert.Equal((audio.Length - Mfcc.Window) / Mfcc.Hop + 1, hops.Count);
        float inside = hops.Skip(50).Take(28).Min(h => h[0]);
        float outside = hops.Take(47).Concat(hops.Skip(81)).Max(h => h[0]);
        Assert.True(inside > outside + 20, $"c0 inside the burst {inside:F1}, outside {outside:F1}");
        Assert.All(hops.Skip(50).Take(28), h => Assert.Equal(inside, h[0], 1f)); // a steady tone gives steady energy
    }

    [Fact]
    public void FrameFeatures_ToneBurst_VideoFramesOfTheBurstStandOut()
    {
        float[] audio = new float[16_000 * 2];
        for (int i = 16_000; i < 24_000; i++) { audio[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / 16_000f); }
        var neutral = new VoiceStatistics(new float[VoiceStatistics.Dimensions], [.. Enumerable.Repeat(1f, VoiceStatistics.Dimensions)]);
        var features = new SpeechFeatures(25, neutral, priorWeightHops: 0);
        features.AddMono16k(audio);
        features.Complete();

        // The burst is 1.0–1.5 s: video frames 25..37 at 25 fps; the centre tap (index 5) of c0 is high there only.
        float C0(int frame) => features.FrameFeatures(frame, neutral)[5 * VoiceStatistics.Dimensions];
        Assert.True(C0(30) > C0(10) + 20);
        Assert.True(C0(30) > C0(45) + 20);
        Assert.True(C0(22) < C0(30) - 20); // 120 ms before the burst: still silence at the centre tap
    }
}
