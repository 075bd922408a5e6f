using System.Net.WebSockets;

namespace PixelHolo.Web.Stage;

/// <summary>A page sent a message the stage protocol does not allow; the socket closes with <see cref="Status"/> and the
/// message (docs/stage-protocol.md, "Limits and errors").</summary>
internal sealed class StageProtocolException(WebSocketCloseStatus status, string message) : Exception(message)
{
    public WebSocketCloseStatus Status { get; } = status;
}
