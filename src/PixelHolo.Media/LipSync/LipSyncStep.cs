using PixelHolo.Core.Vision;
using PixelHolo.Media.Composition;
using PixelHolo.Media.Enrollment;
using PixelHolo.Media.Ffmpeg;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.LipSync;

/// <summary>Enrollment step "lipsync": learns the person's lip-sync model from the frame store and audio.wav into lipsync/.
/// A clip whose face cannot be tracked does not fail the enrollment: the profile then speaks in loop mode, and a finding
/// says so.</summary>
internal sealed class LipSyncStep(IFaceDetector detector, FfmpegRunner ffmpeg, IOptions<LipSyncOptions> options) : IEnrollmentStep
{
    public string Name => "lipsync";

    public double Weight => 0.3;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string audioPath = context.PathOf(ExtractAudioStep.FileName);
        double fps = context.Media?.Video?.FramesPerSecond is > 0 and var f ? f : 25;
        float[] audio = await PcmDecoder.DecodeMono16kAsync(ffmpeg, audioPath, null, null, cancellationToken);
        try
        {
            LipSyncModel model = await new LipSyncTrainer(detector, options.Value).TrainAsync(context.StagingFolder, context.OriginalFileName, audio, fps, progress, cancellationToken);
            context.Artifacts.Add($"{LipSyncModel.FolderName}/{LipSyncModel.ModelFile}");
            context.Artifacts.Add($"{LipSyncModel.FolderName}/{LipSyncModel.MouthsFile}");
            context.Facts.LipSync = new LipSyncFacts(model.FrameCount, Math.Round(model.Geometry.FaceWidth, 1),
                new PixelSize(model.Geometry.CompositeWidth, model.Geometry.CompositeHeight), model.Dimensions);
        }
        catch (InvalidDataException ex)
        {
            context.Findings.Add($"Lip-sync is not available for this clip ({ex.Message}); answers play the footage in loop mode.");
        }
        progress.Report(1);
    }
}
