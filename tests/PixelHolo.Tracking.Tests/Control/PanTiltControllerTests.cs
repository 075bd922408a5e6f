using PixelHolo.Core.Vision;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Tests.Control;

public sealed class PanTiltControllerTests
{
    private static DetectedFace FaceAt(float centreX, float centreY) => new(centreX - 50, centreY - 50, 100, 100, 0.9f, []);

    [Fact]
    public void Compute_FaceInsideDeadZone_Stops()
    {
        var controller = new PanTiltController(new TrackingOptions());

        // ±6 % of 640 = ±38 px, ±8 % of 480 = ±38 px
        Assert.Equal(MountCommand.Stop, controller.Compute(FaceAt(320 + 35, 240 - 35), 640, 480));
    }

    [Fact]
    public void Compute_FaceRightOfCentre_PansRight()
    {
        MountCommand command = new PanTiltController(new TrackingOptions()).Compute(FaceAt(560, 240), 640, 480);

        Assert.True(command.Pan > 0, $"pan {command.Pan}");
        Assert.Equal(0, command.Tilt);
    }

    [Fact]
    public void Compute_FaceAboveCentre_TiltsUp()
    {
        MountCommand command = new PanTiltController(new TrackingOptions()).Compute(FaceAt(320, 60), 640, 480);

        Assert.True(command.Tilt > 0, $"tilt {command.Tilt}");
        Assert.Equal(0, command.Pan);
    }

    [Fact]
    public void Compute_FartherFromCentre_IsFasterAndTopsOutAtMaxSpeed()
    {
        var controller = new PanTiltController(new TrackingOptions { MaxSpeed = 0.5 });

        float near = controller.Compute(FaceAt(400, 240), 640, 480).Pan;
        float far = controller.Compute(FaceAt(560, 240), 640, 480).Pan;
        float edge = controller.Compute(FaceAt(640, 240), 640, 480).Pan;

        Assert.True(0 < near && near < far && far < edge, $"{near} {far} {edge}");
        Assert.Equal(0.5f, edge, 3);
    }

    [Fact]
    public void Compute_InvertedAxes_ReverseDirections()
    {
        var controller = new PanTiltController(new TrackingOptions { InvertPan = true, InvertTilt = true });

        MountCommand command = controller.Compute(FaceAt(600, 40), 640, 480);

        Assert.True(command.Pan < 0 && command.Tilt < 0, command.ToString());
    }
}
