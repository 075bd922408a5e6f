using PixelHolo.Tracking.Camera;

namespace PixelHolo.Tracking.Tests.Camera;

public sealed class FfmpegCameraArgumentsTests
{
    private const string Output = "-an -sn -vf scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2 -f rawvideo -pix_fmt rgb24 pipe:1";

    [Fact]
    public void Build_V4l2Device_AsksForSizeAndRate() => Assert.Equal(
        $"-nostdin -hide_banner -loglevel error -f v4l2 -framerate 30 -video_size 640x480 -i /dev/video0 {Output}",
        string.Join(' ', FfmpegCameraArguments.Build(new CameraOptions())));

    [Fact]
    public void Build_RtspStream_UsesTcp() => Assert.Equal(
        $"-nostdin -hide_banner -loglevel error -rtsp_transport tcp -i rtsp://10.0.0.5/stream {Output}",
        string.Join(' ', FfmpegCameraArguments.Build(new CameraOptions { Source = "rtsp://10.0.0.5/stream" })));

    [Fact]
    public void Build_VideoFile_LoopsAtRealTimePace() => Assert.Equal(
        $"-nostdin -hide_banner -loglevel error -re -stream_loop -1 -i /tmp/clip.mp4 {Output}",
        string.Join(' ', FfmpegCameraArguments.Build(new CameraOptions { Source = "/tmp/clip.mp4" })));
}
