namespace PixelHolo.Speech.Audio;

/// <summary>Loudness measures and silence trimming.</summary>
public static class AudioLevels
{
    /// <summary>Floor for logarithms: -100 dBFS stands for digital silence.</summary>
    public const double SilenceDb = -100;

    /// <summary>Root-mean-square level in dBFS (0 dB = a full-scale square wave).</summary>
    public static double RmsDb(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty) { return SilenceDb; }
        double sum = 0;
        foreach (float s in samples) { sum += s * (double)s; }
        return ToDb(Math.Sqrt(sum / samples.Length));
    }

    /// <summary>Peak level in dBFS.</summary>
    public static double PeakDb(ReadOnlySpan<float> samples)
    {
        float peak = 0;
        foreach (float s in samples) { peak = Math.Max(peak, Math.Abs(s)); }
        return ToDb(peak);
    }

    public static double ToDb(double amplitude) => amplitude <= 1e-5 ? SilenceDb : 20 * Math.Log10(amplitude);

    /// <summary>Cuts leading and trailing silence from mono audio, keeping <paramref name="padding"/> on each side.
    /// A 10 ms frame is silent when its RMS is more than <paramref name="thresholdDb"/> below the loudest frame
    /// (the original's "35 dB, 30 ms pad", as librosa's top_db). All-silent audio comes back empty.</summary>
    public static AudioChunk TrimSilence(AudioChunk audio, double thresholdDb = 35, TimeSpan? padding = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.Channels != 1) { throw new ArgumentException("TrimSilence takes mono audio; call AudioResampler.ToMono first.", nameof(audio)); }
        ReadOnlySpan<float> samples = audio.Samples.Span;
        int frame = Math.Max(1, audio.SampleRateHz / 100);
        int frames = (samples.Length + frame - 1) / frame;
        if (frames == 0) { return audio; }
        double[] levels = new double[frames];
        double loudest = SilenceDb;
        for (int f = 0; f < frames; f++)
        {
            int start = f * frame;
            levels[f] = RmsDb(samples.Slice(start, Math.Min(frame, samples.Length - start)));
            loudest = Math.Max(loudest, levels[f]);
        }
        if (loudest <= SilenceDb) { return audio with { Samples = ReadOnlyMemory<float>.Empty }; }
        double threshold = loudest - Math.Abs(thresholdDb);
        int firstLoud = Array.FindIndex(levels, l => l > threshold);
        int lastLoud = Array.FindLastIndex(levels, l => l > threshold);
        int pad = (int)Math.Round((padding ?? TimeSpan.FromMilliseconds(30)).TotalSeconds * audio.SampleRateHz);
        int from = Math.Max(0, (firstLoud * frame) - pad);
        int to = Math.Min(samples.Length, ((lastLoud + 1) * frame) + pad);
        return audio with
        {
            Samples = audio.Samples[from..to],
            Start = audio.Start + TimeSpan.FromSeconds(from / (double)audio.SampleRateHz),
        };
    }

    /// <summary>Joins mono chunks of one rate into one, in order.</summary>
    public static AudioChunk Concat(IReadOnlyList<AudioChunk> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) { throw new ArgumentException("Nothing to join.", nameof(parts)); }
        int rate = parts[0].SampleRateHz, channels = parts[0].Channels;
        if (parts.Any(p => p.SampleRateHz != rate || p.Channels != channels))
        {
            throw new ArgumentException("All parts must share one sample rate and channel count.", nameof(parts));
        }
        float[] joined = new float[parts.Sum(p => p.Samples.Length)];
        int at = 0;
        foreach (AudioChunk part in parts)
        {
            part.Samples.Span.CopyTo(joined.AsSpan(at));
            at += part.Samples.Length;
        }
        return new AudioChunk(joined, rate, channels, parts[0].Start);
    }
}
