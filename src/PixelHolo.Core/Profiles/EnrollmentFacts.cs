using System.Text.Json;
using System.Text.Json.Serialization;
using PixelHolo.Core.Media;

namespace PixelHolo.Core.Profiles;

/// <summary>What the enrollment steps found and made, one typed section per step, at the top level of manifest.json
/// (<see cref="ProfileManifest"/> adds the fixed fields). A section is null, and absent from the file, until its step ran:
/// the plain picture mode has no "matte", a clip without a trackable face no "lipsync". The JSON names are the contract the
/// pages, the renderers and older manifests share; a field that an older version did not write is nullable and left out
/// when null, so an old manifest is written back as it was read.</summary>
public record EnrollmentFacts
{
    /// <summary>"source": the upload as the validate step probed it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SourceFacts? Source { get; set; }

    /// <summary>"frames": the JPEG frame store the stage streams (frames step or matte step).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public FrameStoreFacts? Frames { get; set; }

    /// <summary>"matte": how the person was cut out (matte step; the uploader shows cuts and confidence).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MatteFacts? Matte { get; set; }

    /// <summary>"display": the reflector settings, the configured defaults at enrollment, then the operator's edits from the
    /// stage (GET/PUT /api/profiles/{id}/display). A key an older version did not write takes the configured default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DisplayOverrides? Display { get; set; }

    /// <summary>"still": the idle still's frame (1-based) and how it was chosen (still step).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public StillFacts? Still { get; set; }

    /// <summary>"idleLoop": the loop the stage plays while listening (idle-loop step).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IdleLoopFacts? IdleLoop { get; set; }

    /// <summary>"voice": the voice reference chosen from the clip (voice step).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VoiceFacts? Voice { get; set; }

    /// <summary>"content": one face, its size, and the speech found (content step).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ContentFacts? Content { get; set; }

    /// <summary>"speech": where the person speaks (content step); the still, idle-loop and footage plans read it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SpeechFacts? Speech { get; set; }

    /// <summary>"lipsync": the learned lip-sync model (lipsync step).</summary>
    [JsonPropertyName("lipsync")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LipSyncFacts? LipSync { get; set; }

    /// <summary>"picture": the picture mode a re-enrollment asked for ("matte" or "plain"); absent for a first enrollment
    /// (then <c>Enrollment:Picture</c> chose).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Picture { get; set; }

    /// <summary>Sets each section this one lacks from <paramref name="other"/> (a step that ran beside the others on a forked
    /// context). Every section is listed here: a new one needs a line.</summary>
    public void FillFrom(EnrollmentFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Source ??= other.Source;
        Frames ??= other.Frames;
        Matte ??= other.Matte;
        Display ??= other.Display;
        Still ??= other.Still;
        IdleLoop ??= other.IdleLoop;
        Voice ??= other.Voice;
        Content ??= other.Content;
        Speech ??= other.Speech;
        LipSync ??= other.LipSync;
        Picture ??= other.Picture;
        foreach (KeyValuePair<string, JsonElement> field in other.Other) { Other.TryAdd(field.Key, field.Value); }
    }

    /// <summary>Any other top-level field, by name, as written: a section of another version, or one written by hand (the
    /// stage page reads "stage": {"listeningMode"}). Kept on every read and write.</summary>
    /// Settable: System.Text.Json cannot fill extension data through an init accessor.
    [JsonExtensionData] public Dictionary<string, JsonElement> Other { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>"source": container, duration (seconds, 3 decimals) and the first video and audio stream.</summary>
public sealed record SourceFacts(string Container, double DurationSeconds, VideoStreamInfo? Video, AudioStreamInfo? Audio);

/// <summary>"frames": how many JPEGs frames/ holds and at which rate; <paramref name="Folder"/> is written by the matte step
/// only.</summary>
public sealed record FrameStoreFacts(
    int Count,
    double FramesPerSecond,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Folder = null);

/// <summary>A stretch of the clip in seconds (2 decimals).</summary>
public sealed record SecondsSpan(double Start, double End);

/// <summary>"matte". <c>cuts</c>, <c>shots</c>, <c>confidence</c>, <c>minConfidence</c> and <c>lowConfidence</c> came later
/// (absent from older manifests).</summary>
public sealed record MatteFacts(
    int Width,
    int Height,
    int KeyFrames,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Cuts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Shots,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Confidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinConfidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SecondsSpan>? LowConfidence,
    bool CameraMoving,
    double PlateCoverage,
    string ExecutionProvider,
    MatteSeconds Seconds);

/// <summary>"matte.seconds": where the matte's time went.</summary>
public sealed record MatteSeconds(double Analysis, double Model, double Matte, double Encode);

/// <summary>"still": the frame (1-based) and the method; the matte picture's still step adds how the frame scored (the plain
/// mode's first-frame still has only frame and method).</summary>
public sealed record StillFacts(int Frame, string Method)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Seconds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Score { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Facing { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? MouthChange { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? EyeChange { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DuringSpeech { get; init; }
}

/// <summary>"idleLoop": frames [StartFrame, EndFrame] (1-based) of the matte, cross-faded at the loop point;
/// <paramref name="IdleSegments"/> are the stretches without speech it was chosen from.</summary>
public sealed record IdleLoopFacts(
    int StartFrame,
    int EndFrame,
    int Frames,
    double Seconds,
    double Jump,
    int CrossFadeFrames,
    bool InsideIdle,
    IReadOnlyList<SecondsSpan> IdleSegments);

/// <summary>"voice". The rates, the transcript engine and <c>enoughCleanSpeech</c> came later (absent from older manifests;
/// the engine is also absent when no transcript was made).</summary>
public sealed record VoiceFacts(
    double TotalSpeechSeconds,
    double CleanSpeechSeconds,
    double ReferenceSeconds,
    int Segments,
    double NoiseFloorDb,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? ReferenceRatesHz,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SourceRateHz,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TranscriptEngine,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? EnoughCleanSpeech);

/// <summary>"content": the share of sampled frames with exactly one face, its median height as a share of the frame, and the
/// seconds of speech found.</summary>
public sealed record ContentFacts(double OneFaceFraction, double MedianFaceHeightFraction, double SpeechSeconds);

/// <summary>"speech": where the person speaks; <paramref name="Checked"/> is false when no voice activity detector ran (then
/// nothing is known about speech).</summary>
public sealed record SpeechFacts(bool Checked, IReadOnlyList<SpeechFactSpan> Spans);

/// <summary>One stretch of speech; written as .NET time spans ("00:00:01.2000000").</summary>
public sealed record SpeechFactSpan(TimeSpan Start, TimeSpan End);

/// <summary>"lipsync": frames learned, the face width (pixels), the mouth box composited, and the model's dimensions.</summary>
public sealed record LipSyncFacts(int Frames, double FaceWidth, PixelSize MouthBox, int Components);

/// <summary>A width and height in pixels.</summary>
public sealed record PixelSize(int Width, int Height);
