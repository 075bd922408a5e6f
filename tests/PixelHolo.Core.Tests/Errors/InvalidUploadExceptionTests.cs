using PixelHolo.Core.Errors;

namespace PixelHolo.Core.Tests.Errors;

public sealed class InvalidUploadExceptionTests
{
    [Fact]
    public void Message_TwoProblems_NamesFileAndBothProblems()
    {
        var error = new InvalidUploadException("clip.mp4",
            [new UploadProblem("no-audio", "This file has no sound track."), new UploadProblem("too-short", "The clip is 4 s long.")]);

        Assert.Equal("'clip.mp4' cannot be used: This file has no sound track. The clip is 4 s long.", error.Message);
        Assert.Equal(["no-audio", "too-short"], error.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Missing_ModelSetting_NamesEnvironmentVariableAndPullCommand()
    {
        ModelLoadException error = ModelLoadException.Missing("VAD", "/m/silero_vad.onnx", "VoiceActivity:ModelPath");

        Assert.Contains("PIXELHOLO_VoiceActivity__ModelPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull", error.Message, StringComparison.Ordinal);
        Assert.Equal("VoiceActivity:ModelPath", error.Setting);
    }
}
