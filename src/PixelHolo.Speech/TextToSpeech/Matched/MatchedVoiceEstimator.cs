using System.Security.Cryptography;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>Fits the matched voice to a reference recording. Measures the reference's F0 (median, 10-90 % spread),
/// long-term spectrum and loudness; then, for each espeak-ng variant of the reference's register, fits the SSML prosody
/// pitch and range to the reference's F0 by a few secant steps on a calibration text, keeps the variant whose spectrum
/// is closest, and builds an equaliser from the remaining spectral difference and a gain from the loudness difference.
/// Every figure is measured on real espeak-ng output, never predicted. Takes a few seconds, once per reference.</summary>
internal sealed partial class MatchedVoiceEstimator(EspeakSpeechSynthesizer espeak, ILogger<MatchedVoiceEstimator> logger)
{
    /// <summary>Phonetically varied text (all English vowels, voiced and unvoiced consonants) spoken for calibration;
    /// the reference's own words are unknown here, and a long-term spectrum over ~8 s is stable enough.</summary>
    internal const string CalibrationText =
        "When the sunlight strikes raindrops in the air, they act like a prism and form a rainbow. " +
        "Should you judge a big quiet ship by its thick yellow hull? Five or six brave foxes jumped over the muddy wall, " +
        "and nobody heard a thing.";

    private const double MaxEqualiserDb = 15;

    /// <summary>Variants tried for a reference whose median F0 is above <see cref="HighVoiceHz"/> (female and child
    /// registers), and below it. The base voice is always a candidate.</summary>
    private static readonly string[] HighVariants = ["+f1", "+f2", "+f3", "+f5"];
    private static readonly string[] LowVariants = ["+m1", "+m3", "+m7"];
    private const double HighVoiceHz = 165;

    public async Task<MatchedVoiceSettings> FitAsync(string referencePath, TtsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        byte[] bytes = await File.ReadAllBytesAsync(referencePath, cancellationToken);
        AudioChunk reference = AudioResampler.ToMono(WavFile.Parse(bytes, referencePath));
        PitchStatistics referencePitch = PitchEstimator.Statistics(reference)
            ?? throw new InvalidDataException($"'{referencePath}' has no voiced speech (under 0.1 s of pitched frames), so there is no voice to match. " +
                "Record the voice reference again from a clip where the person speaks clearly.");
        double[] referenceSpectrum = LongTermSpectrum.Measure(reference);
        double referenceLoudness = ActiveLoudnessDb(reference.Samples.Span, reference.SampleRateHz);

        var stockVoice = EspeakVoice.Stock(options);
        Measurement stock = await MeasureAsync(stockVoice, referenceSpectrum, cancellationToken);
        string baseName = options.Voice.Split('+')[0];
        string[] variants = referencePitch.MedianHz >= HighVoiceHz ? HighVariants : LowVariants;
        Measurement? best = null;
        foreach (string variant in variants.Prepend(""))
        {
            Measurement fitted = await FitPitchAsync(stockVoice with { Name = baseName + variant }, referencePitch, referenceSpectrum, cancellationToken);
            LogCandidate(logger, fitted.Voice.Name, fitted.Pitch.MedianHz, fitted.DistanceDb);
            if (best is null || Score(fitted, referencePitch) < Score(best, referencePitch)) { best = fitted; }
        }
        Measurement chosen = best!;

        // The equaliser takes out what the variant and pitch left of the spectral difference (mean-free, clamped so an odd
        // reference cannot make a whistle), then the gain matches the loudness of the equalised calibration speech.
        double[] gains = [.. referenceSpectrum.Select((r, i) => Math.Clamp(r - chosen.Spectrum[i], -MaxEqualiserDb, MaxEqualiserDb))];
        double meanGain = gains.Average();
        gains = [.. Smooth(gains).Select(g => g - meanGain)];
        float[] kernel = VoiceShaper.DesignKernel(gains, chosen.Audio.SampleRateHz);
        AudioChunk equalised = Shape(chosen.Audio, new VoiceShaper(kernel, 0));
        double gainDb = Math.Clamp(referenceLoudness - ActiveLoudnessDb(equalised.Samples.Span, equalised.SampleRateHz), -20, 20);
        AudioChunk matched = Shape(chosen.Audio, new VoiceShaper(kernel, gainDb));
        double[] matchedSpectrum = LongTermSpectrum.Measure(matched);
        PitchStatistics matchedPitch = PitchEstimator.Statistics(matched) ?? chosen.Pitch;

        var settings = new MatchedVoiceSettings
        {
            ReferenceSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Voice = chosen.Voice,
            BandGainsDb = gains,
            GainDb = gainDb,
            ReferencePitch = referencePitch,
            StockPitch = stock.Pitch,
            MatchedPitch = matchedPitch,
            StockDistanceDb = stock.DistanceDb,
            MatchedDistanceDb = LongTermSpectrum.Distance(matchedSpectrum, referenceSpectrum),
        };
        LogFitted(logger, settings.Voice.Name, referencePitch.MedianHz, matchedPitch.MedianHz, stock.Pitch.MedianHz,
            settings.MatchedDistanceDb, settings.StockDistanceDb);
        return settings;
    }

    /// <summary>Audio through a shaper, tail included.</summary>
    internal static AudioChunk Shape(AudioChunk audio, VoiceShaper shaper)
    {
        float[] head = shaper.Process(audio.Samples.Span);
        float[] tail = shaper.Flush();
        float[] samples = [.. head.Skip(shaper.DelaySamples), .. tail];
        return new AudioChunk(samples, audio.SampleRateHz, 1, TimeSpan.Zero);
    }

    /// <summary>RMS level in dB over the 20 ms frames within 35 dB of the loudest: pauses do not lower it.</summary>
    internal static double ActiveLoudnessDb(ReadOnlySpan<float> samples, int sampleRateHz)
    {
        int frame = sampleRateHz / 50;
        var energies = new List<double>();
        for (int start = 0; start + frame <= samples.Length; start += frame)
        {
            double sum = 0;
            foreach (float s in samples.Slice(start, frame)) { sum += s * s; }
            energies.Add(sum / frame);
        }
        if (energies.Count == 0 || energies.Max() <= 0) { return AudioLevels.SilenceDb; }
        double floor = energies.Max() * Math.Pow(10, -3.5);
        double mean = energies.Where(e => e >= floor).Average();
        return 10 * Math.Log10(mean);
    }

    /// <summary>Pitch within 10 % comes first (a miss costs 1 dB per % beyond), then the spectral distance.</summary>
    private static double Score(Measurement m, PitchStatistics target) =>
        m.DistanceDb + Math.Max(0, (Math.Abs(m.Pitch.MedianHz / target.MedianHz - 1) * 100) - 5);

    private async Task<Measurement> FitPitchAsync(
        EspeakVoice voice, PitchStatistics target, double[] referenceSpectrum, CancellationToken cancellationToken)
    {
        // espeak-ng's prosody pitch scales its base pitch and range scales the excursions, both in percent; the response is
        // close to proportional but not exactly, so measure and correct (secant on log F0), two steps at most.
        Measurement first = await MeasureAsync(voice with { PitchPercent = 0, RangePercent = 100 }, referenceSpectrum, cancellationToken);
        int range = Math.Clamp((int)Math.Round(100 * target.RangeSemitones / Math.Max(first.Pitch.RangeSemitones, 0.5)), 30, 250);
        double pitchPercent = (100 * ((target.MedianHz / first.Pitch.MedianHz) - 1));
        Measurement best = first;
        (double x, double y) previous = (0, Math.Log(first.Pitch.MedianHz / target.MedianHz));
        for (int step = 0; step < 2; step++)
        {
            int percent = (int)Math.Round(Math.Clamp(pitchPercent, -60, 300));
            Measurement m = await MeasureAsync(voice with { PitchPercent = percent, RangePercent = range }, referenceSpectrum, cancellationToken);
            double error = Math.Log(m.Pitch.MedianHz / target.MedianHz);
            if (Math.Abs(error) < Math.Abs(Math.Log(best.Pitch.MedianHz / target.MedianHz))) { best = m; }
            if (Math.Abs(error) < 0.02) { break; }
            double slope = (error - previous.y) / (percent - previous.x);
            pitchPercent = Math.Abs(slope) > 1e-6 ? percent - (error / slope) : percent + (pitchPercent * 0.5);
            previous = (percent, error);
        }
        return best;
    }

    private async Task<Measurement> MeasureAsync(EspeakVoice voice, double[] referenceSpectrum, CancellationToken cancellationToken)
    {
        var blocks = new List<AudioChunk>();
        await foreach (AudioChunk block in espeak.SpeakAsync(CalibrationText, voice, cancellationToken)) { blocks.Add(block); }
        AudioChunk audio = AudioLevels.Concat(blocks);
        PitchStatistics pitch = PitchEstimator.Statistics(audio)
            ?? throw new InvalidOperationException($"espeak-ng's voice '{voice.Name}' produced no voiced speech for the calibration text.");
        double[] spectrum = LongTermSpectrum.Measure(audio);
        return new Measurement(voice, audio, pitch, spectrum, LongTermSpectrum.Distance(spectrum, referenceSpectrum));
    }

    private static double[] Smooth(double[] values) =>
        [.. values.Select((_, i) => values.Skip(Math.Max(0, i - 1)).Take(i == 0 ? 2 : 3).Average())];

    private sealed record Measurement(EspeakVoice Voice, AudioChunk Audio, PitchStatistics Pitch, double[] Spectrum, double DistanceDb);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Matched voice candidate {Voice}: median F0 {MedianHz:F0} Hz, spectrum distance {DistanceDb:F2} dB")]
    private static partial void LogCandidate(ILogger logger, string voice, double medianHz, double distanceDb);

    [LoggerMessage(Level = LogLevel.Information, Message = "Matched voice fitted: {Voice}, median F0 {MatchedHz:F0} Hz for the reference's {ReferenceHz:F0} Hz (stock {StockHz:F0} Hz), spectrum distance {MatchedDb:F2} dB (stock {StockDb:F2} dB)")]
    private static partial void LogFitted(ILogger logger, string voice, double referenceHz, double matchedHz, double stockHz, double matchedDb, double stockDb);
}
