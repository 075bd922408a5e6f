using System.Runtime.InteropServices;

namespace PixelHolo.Speech.Native;

/// <summary>UTF-8 copies of the strings of one native config, freed together once the Create call has returned
/// (sherpa-onnx copies every string it keeps). Null or empty strings become null pointers ("not set").</summary>
internal sealed class Utf8Strings : IDisposable
{
    private readonly List<nint> _allocated = [];
    private bool _disposed;

    public nint Add(string? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (string.IsNullOrEmpty(value)) { return nint.Zero; }
        nint pointer = Marshal.StringToCoTaskMemUTF8(value);
        _allocated.Add(pointer);
        return pointer;
    }

    public static string Read(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? "";

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        foreach (nint pointer in _allocated) { Marshal.FreeCoTaskMem(pointer); }
        _allocated.Clear();
    }
}
