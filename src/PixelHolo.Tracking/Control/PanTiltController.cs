using PixelHolo.Core.Vision;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Control;

/// <summary>Turns the followed face's offset from the frame centre into a drive command: nothing inside the dead zone,
/// outside it a speed proportional to how far the face is beyond the dead zone (top speed at the frame's edge).
/// A face right of centre pans right: the camera is not mirrored (the original assumed it was and panned the wrong way).</summary>
internal sealed class PanTiltController(TrackingOptions options)
{
    public MountCommand Compute(DetectedFace face, int frameWidth, int frameHeight)
    {
        ArgumentNullException.ThrowIfNull(face);
        double offsetX = (face.CenterX - (frameWidth / 2.0)) / frameWidth;   // -0.5 (left edge) .. 0.5 (right edge)
        double offsetY = ((frameHeight / 2.0) - face.CenterY) / frameHeight; // positive = above centre
        float pan = Speed(offsetX, options.DeadZoneX) * (options.InvertPan ? -1 : 1);
        float tilt = Speed(offsetY, options.DeadZoneY) * (options.InvertTilt ? -1 : 1);
        return MountCommand.Drive(pan, tilt);
    }

    private float Speed(double offset, double deadZone)
    {
        double beyond = Math.Abs(offset) - deadZone;
        if (beyond <= 0) { return 0; }
        double fraction = Math.Min(1, beyond / (0.5 - deadZone)) * options.MaxSpeed;
        return (float)(Math.Sign(offset) * fraction);
    }
}
