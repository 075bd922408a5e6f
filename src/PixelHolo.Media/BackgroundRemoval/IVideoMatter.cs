namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Cuts the person out of a video and puts them on pure black: H.264 at the source size and frame rate, with the
/// original sound, plus (optionally) a JPEG frame store. Outside the person every pixel decodes to exactly (0, 0, 0).</summary>
public interface IVideoMatter
{
    Task<MatteSummary> MatteAsync(MatteRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);
}

/// <param name="SourcePath">The upload.</param>
/// <param name="OutputPath">The matte video to write (e.g. matte.mp4); written aside and moved into place.</param>
/// <param name="FramesFolder">When set, the matted frames are also written there as 000001.jpg, 000002.jpg …</param>
/// <param name="IncludeAudio">Mux the source's first audio stream into the output.</param>
public sealed record MatteRequest(string SourcePath, string OutputPath, string? FramesFolder = null, bool IncludeAudio = true);

/// <summary>What a matte run did and where its time went.</summary>
/// <param name="Frames">Frames written.</param>
/// <param name="Width">Output width (source width, rounded down to even).</param>
/// <param name="Height">Output height (source height, rounded down to even).</param>
/// <param name="FramesPerSecond">Output frame rate (the source's average rate, made constant).</param>
/// <param name="KeyFrames">Frames the full model ran on.</param>
/// <param name="CameraMoving">True when the camera moved, so no background plate was used.</param>
/// <param name="PlateCoverage">Fraction of the frame where the background plate is known (0 without a plate).</param>
/// <param name="ExecutionProvider">"CPU" or "CUDA".</param>
/// <param name="AnalysisTime">Decoding and motion analysis.</param>
/// <param name="ModelTime">The full model on key frames.</param>
/// <param name="MatteTime">The per-frame fast path.</param>
/// <param name="EncodeTime">Writing matte video and JPEG frames.</param>
public sealed record MatteSummary(
    int Frames,
    int Width,
    int Height,
    double FramesPerSecond,
    int KeyFrames,
    bool CameraMoving,
    double PlateCoverage,
    string ExecutionProvider,
    TimeSpan AnalysisTime,
    TimeSpan ModelTime,
    TimeSpan MatteTime,
    TimeSpan EncodeTime)
{
    /// <summary>Total time of the run.</summary>
    public TimeSpan Total => AnalysisTime + ModelTime + MatteTime + EncodeTime;

    /// <summary>Shot changes found (jump cuts, and takes with other light or clothes).</summary>
    public int Cuts { get; init; }

    /// <summary>Shots the clip was split into before matting (the detector's; the matte check may split further).</summary>
    public int Shots { get; init; }

    /// <summary>Mean matte confidence over all frames, 0..1 (docs/matting.md, "Confidence").</summary>
    public double Confidence { get; init; } = 1;

    /// <summary>Lowest matte confidence of any frame.</summary>
    public double MinConfidence { get; init; } = 1;

    /// <summary>Stretches where the matte stayed below <c>Matting:MinConfidence</c> even after extra key frames: background may
    /// show around the person there.</summary>
    public IReadOnlyList<MatteSpan> LowConfidence { get; init; } = [];
}
