using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Tracking.Camera;

namespace PixelHolo.Tracking.Tests.Camera;

public sealed class FfmpegCameraArgumentsTests
{
    private const string KeepAspect = "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2";

    [Fact]
    public void Build_V4l2Device_AsksForSizeAndRateWithoutLooping()
    {
        FrameReadRequest request = FfmpegCameraArguments.Build(new CameraOptions());

        Assert.Equal("/dev/video0", request.Input);
        Assert.Equal(["-f", "v4l2", "-framerate", "30", "-video_size", "640x480"], request.InputOptions!);
        Assert.Equal((640, 480, 30.0, false), (request.Width, request.Height, request.FramesPerSecond, request.Loop));
        Assert.Equal(KeepAspect, request.Filter);
    }

    [Fact]
    public void Build_RtspStream_UsesTcp()
    {
        FrameReadRequest request = FfmpegCameraArguments.Build(new CameraOptions { Source = "rtsp://10.0.0.5/stream" });

        Assert.Equal(["-rtsp_transport", "tcp"], request.InputOptions!);
        Assert.False(request.Loop);
    }

    [Fact]
    public void Build_VideoFile_LoopsAtRealTimePace()
    {
        FrameReadRequest request = FfmpegCameraArguments.Build(new CameraOptions { Source = "/tmp/clip.mp4" });

        Assert.Equal(["-re"], request.InputOptions!);
        Assert.True(request.Loop);
        Assert.Equal(KeepAspect, request.Filter);
    }
}
