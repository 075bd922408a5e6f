using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Vision;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Tracking.Camera;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Serial;

namespace PixelHolo.Tracking;

/// <summary>Puts one tracking run together from the options: camera, detector, protocol, serial link and loop.
/// Used by the hosted <see cref="TrackingService"/> and by <c>pixelholo track</c>.</summary>
internal sealed class TrackingEngine(
    IOptions<TrackingOptions> tracking,
    IOptions<CameraOptions> camera,
    IOptions<SerialOptions> serial,
    IServiceProvider services,
    FfmpegFrameReader frames,
    TrackingStatusBoard status,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private volatile bool _paused;

    /// <summary>While true the mount stays stopped (the avatar is speaking).</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    public TrackingOptions Options => tracking.Value;

    public CameraOptions CameraOptions => camera.Value;

    public IMountProtocol CreateProtocol() =>
        MountProtocols.Create(tracking.Value.Protocol, tracking.Value.Address, (float)tracking.Value.TextMaxDegreesPerSecond);

    public ICameraSource CreateCamera() => new FfmpegCameraSource(camera.Value, frames, time);

    /// <summary>Runs until the camera ends or <paramref name="cancellationToken"/> fires; the mount is stopped on the way out.</summary>
    public async Task RunAsync(ICameraSource source, ITrackingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        IFaceDetector detector = services.GetRequiredService<IFaceDetector>(); // opens the model; throws ModelLoadException with the fix
        IMountProtocol protocol = CreateProtocol();
        await using var link = new SerialMountLink(serial.Value, protocol, time, loggers.CreateLogger<SerialMountLink>());
        var pipeline = new TrackingPipeline(detector, protocol, tracking.Value, time, status, () => _paused, loggers.CreateLogger<TrackingPipeline>());
        await pipeline.RunAsync(source, link, observer, cancellationToken);
    }
}
