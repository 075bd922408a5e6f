namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>How the matched voice speaks for one reference: espeak-ng's voice, variant and prosody, the equaliser's band
/// gains and the output gain, plus what was measured when they were fitted (so the manifest and the benchmark can show
/// how close it came). Fitted once per reference and cached as JSON in the profile's <c>voice/</c> folder.</summary>
internal sealed record MatchedVoiceSettings
{
    /// <summary>Bumped whenever fitting changes, so an old cache is fitted again.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>SHA-256 of the reference file the settings were fitted to.</summary>
    public required string ReferenceSha256 { get; init; }

    public required EspeakVoice Voice { get; init; }

    /// <summary>Equaliser gain in dB at each <see cref="LongTermSpectrum.BandCentersHz"/>.</summary>
    public required double[] BandGainsDb { get; init; }

    public required double GainDb { get; init; }

    public required PitchStatistics ReferencePitch { get; init; }

    public required PitchStatistics StockPitch { get; init; }

    public required PitchStatistics MatchedPitch { get; init; }

    /// <summary>Long-term-spectrum distance (dB) of stock espeak-ng to the reference, on the calibration text.</summary>
    public required double StockDistanceDb { get; init; }

    /// <summary>The same distance for the matched voice.</summary>
    public required double MatchedDistanceDb { get; init; }
}
