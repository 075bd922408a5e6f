using PixelHolo.Core.Audio;

namespace PixelHolo.Speech.Tests;

/// <summary>Small generated signals for exact asserts.</summary>
internal static class TestAudio
{
    public static AudioChunk Silence(double seconds, int rateHz = 16_000) =>
        new(new float[(int)Math.Round(seconds * rateHz)], rateHz, 1, TimeSpan.Zero);

    public static AudioChunk Sine(double frequencyHz, double seconds, int rateHz = 16_000, float amplitude = 0.5f)
    {
        float[] samples = new float[(int)Math.Round(seconds * rateHz)];
        for (int i = 0; i < samples.Length; i++) { samples[i] = amplitude * MathF.Sin((float)(2 * Math.PI * frequencyHz * i / rateHz)); }
        return new AudioChunk(samples, rateHz, 1, TimeSpan.Zero);
    }

    public static AudioChunk Concat(params AudioChunk[] parts)
    {
        float[] joined = new float[parts.Sum(p => p.Samples.Length)];
        int at = 0;
        foreach (AudioChunk part in parts)
        {
            part.Samples.Span.CopyTo(joined.AsSpan(at));
            at += part.Samples.Length;
        }
        return new AudioChunk(joined, parts[0].SampleRateHz, parts[0].Channels, TimeSpan.Zero);
    }

    /// <summary>Delivers audio in chunks of an odd size, as a microphone would, each with its start time.</summary>
    public static async IAsyncEnumerable<AudioChunk> Stream(AudioChunk audio, int chunkSamples = 1234)
    {
        for (int at = 0; at < audio.Samples.Length; at += chunkSamples)
        {
            int length = Math.Min(chunkSamples, audio.Samples.Length - at);
            yield return new AudioChunk(audio.Samples.Slice(at, length), audio.SampleRateHz, audio.Channels,
                TimeSpan.FromSeconds(at / (double)audio.SampleRateHz));
            await Task.Yield();
        }
    }

    /// <summary>Frequency estimated from the zero crossings of a mono signal.</summary>
    public static double ZeroCrossingFrequency(AudioChunk audio)
    {
        ReadOnlySpan<float> s = audio.Samples.Span;
        int first = -1, last = -1, crossings = 0;
        for (int i = 1; i < s.Length; i++)
        {
            if (s[i - 1] < 0 && s[i] >= 0)
            {
                if (first < 0) { first = i; } else { crossings++; last = i; }
            }
        }
        return crossings / ((last - first) / (double)audio.SampleRateHz);
    }

    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float x in samples) { sum += x * (double)x; }
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }
}
