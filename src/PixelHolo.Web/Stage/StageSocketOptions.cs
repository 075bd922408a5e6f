using System.ComponentModel.DataAnnotations;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>The stage page's WebSocket (docs/stage-protocol.md).</summary>
public sealed class StageSocketOptions
{
    public const string SectionName = "StageSocket";

    /// <value>Listening mode of a stage page that does not ask for one (?mode=). Default PressToTalk (the original's).</value>
    public ListeningMode ListeningMode { get; set; } = ListeningMode.PressToTalk;

    /// <value>Largest text (JSON) message accepted from a page, in bytes. Default 8192, 1024 to 1048576.</value>
    [Range(1024, 1 << 20)]
    public int MaxTextMessageBytes { get; set; } = 8192;

    /// <value>Largest binary (microphone PCM) message accepted from a page, in bytes. Default 65536 (2 s of 16 kHz PCM),
    /// 4096 to 1048576.</value>
    [Range(4096, 1 << 20)]
    public int MaxBinaryMessageBytes { get; set; } = 65536;

    /// <value>How often the server pings a page; one that stops answering is closed. Default 15 s, 1 s to 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <value>How long opening a stage (the turn state machine and its engines) may take. Default 60 s, 1 s to 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
