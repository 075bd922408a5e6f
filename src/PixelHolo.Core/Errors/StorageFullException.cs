namespace PixelHolo.Core.Errors;

/// <summary>The disk that holds the runtime folder is full (ENOSPC): from a write of ours or from a tool (ffmpeg) that
/// said so on stderr. The message says where and what to do; the original failure is the inner exception.</summary>
public sealed class StorageFullException : PixelHoloException
{
    private const int Enospc = 28;          // Linux errno, which .NET on Unix carries as the IOException's HResult
    private const int ErrorDiskFull = 112;  // Windows ERROR_DISK_FULL (and ERROR_HANDLE_DISK_FULL, 39)
    private const string ToolSays = "No space left on device";

    public StorageFullException(string folder, Exception inner)
        : base($"The disk is full: nothing more could be written under {folder}. Free some space there (delete old profiles " +
               "on the uploader page or old logs, or give the runtime folder a bigger disk with PIXELHOLO_RUNTIME_DIR) and try again.", inner) =>
        Folder = folder;

    /// <summary>The folder the write was meant for.</summary>
    public string Folder { get; }

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a full disk.</summary>
    public static bool IsDiskFull(Exception? exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageFullException) { return true; }
            if (e is IOException && (e.HResult is Enospc or ErrorDiskFull or 39 || (e.HResult & 0xFFFF) is ErrorDiskFull or 39)) { return true; }
            if (e.Message.Contains(ToolSays, StringComparison.OrdinalIgnoreCase)) { return true; }
            if (e is MediaToolException tool && tool.StandardErrorTail.Contains(ToolSays, StringComparison.OrdinalIgnoreCase)) { return true; }
        }
        return false;
    }
}
