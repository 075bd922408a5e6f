using System.Runtime.InteropServices;

namespace PixelHolo.Speech.Native;

// One SafeHandle per sherpa-onnx object, each freeing with its own Destroy function; kept together because they differ
// only in that call. The marshaller creates them from the returned pointer (hence the public parameterless constructors).

/// <summary>A sherpa-onnx pointer owned by us; <see cref="SafeHandle.IsInvalid"/> when the Create call returned null.</summary>
internal abstract class SherpaHandle() : SafeHandle(nint.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == nint.Zero;
}

internal sealed class SherpaVadHandle : SherpaHandle
{
    protected override bool ReleaseHandle() { SherpaNative.SherpaOnnxDestroyVoiceActivityDetector(handle); return true; }
}

internal sealed class SherpaOfflineRecognizerHandle : SherpaHandle
{
    protected override bool ReleaseHandle() { SherpaNative.SherpaOnnxDestroyOfflineRecognizer(handle); return true; }
}

internal sealed class SherpaOfflineStreamHandle : SherpaHandle
{
    protected override bool ReleaseHandle() { SherpaNative.SherpaOnnxDestroyOfflineStream(handle); return true; }
}

internal sealed class SherpaOnlineRecognizerHandle : SherpaHandle
{
    protected override bool ReleaseHandle() { SherpaNative.SherpaOnnxDestroyOnlineRecognizer(handle); return true; }
}

internal sealed class SherpaOnlineStreamHandle : SherpaHandle
{
    protected override bool ReleaseHandle() { SherpaNative.SherpaOnnxDestroyOnlineStream(handle); return true; }
}

internal sealed class SherpaOfflineTtsHandle : SherpaHandle
{
    protected override bool ReleaseHandle() { SherpaNative.SherpaOnnxDestroyOfflineTts(handle); return true; }
}
