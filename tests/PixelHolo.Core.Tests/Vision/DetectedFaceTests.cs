using PixelHolo.Core.Vision;

namespace PixelHolo.Core.Tests.Vision;

public sealed class DetectedFaceTests
{
    [Fact]
    public void Center_Box_IsMidpoint()
    {
        var face = new DetectedFace(10, 20, 100, 50, 0.9f, []);

        Assert.Equal((60f, 45f), (face.CenterX, face.CenterY));
    }
}
