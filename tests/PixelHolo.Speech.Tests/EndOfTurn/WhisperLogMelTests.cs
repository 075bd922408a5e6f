using System.Text.Json;
using PixelHolo.Core.Audio;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.EndOfTurn;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.EndOfTurn;

public sealed class WhisperLogMelTests
{
    [Fact]
    public async Task Compute_Jfk5s_MatchesTheIndependentNumpyReference()
    {
        // Fixtures/whisper-logmel-jfk5s.json: made by scripts/reference/whisper_logmel.py (numpy, Debian python3-numpy),
        // a separate transcription of transformers' WhisperFeatureExtractor numpy path; see the script's header.
        using JsonDocument reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "EndOfTurn", "Fixtures", "whisper-logmel-jfk5s.json")));
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));

        float[] features = new WhisperLogMel().Compute(jfk.Samples.Span[..(5 * 16_000)]);

        Assert.Equal(WhisperLogMel.MelBins * WhisperLogMel.Frames, features.Length);
        Assert.Equal(reference.RootElement.GetProperty("max").GetDouble(), features.Max(), 3);
        Assert.Equal(reference.RootElement.GetProperty("min").GetDouble(), features.Min(), 3);
        Assert.Equal(reference.RootElement.GetProperty("mean").GetDouble(), features.Average(), 3);
        int checkedValues = 0;
        foreach (JsonElement entry in reference.RootElement.GetProperty("values").EnumerateArray())
        {
            int mel = entry[0].GetInt32(), frame = entry[1].GetInt32();
            double want = entry[2].GetDouble();
            double got = features[mel * WhisperLogMel.Frames + frame];
            Assert.True(Math.Abs(got - want) < 2e-3, $"mel {mel} frame {frame}: {got} vs numpy {want}");
            checkedValues++;
        }
        Assert.Equal(7 * 101, checkedValues);
    }

    [Fact]
    public void Compute_Silence_IsFiniteAndFlat()
    {
        float[] features = new WhisperLogMel().Compute(new float[16_000]);

        Assert.All(features, f => Assert.True(float.IsFinite(f)));
        Assert.Equal(features.Max(), features.Min(), 5); // all zeros normalise to zeros: one floor value everywhere
    }

    [Fact]
    public void Compute_LongerThanEightSeconds_UsesOnlyTheLastEight()
    {
        var random = new Random(7);
        float[] tail = new float[WhisperLogMel.Samples];
        for (int i = 0; i < tail.Length; i++) { tail[i] = (float)(random.NextDouble() - 0.5); }
        float[] longer = [.. Enumerable.Repeat(0.9f, 16_000 * 3), .. tail];

        Assert.Equal(new WhisperLogMel().Compute(tail), new WhisperLogMel().Compute(longer));
    }
}
