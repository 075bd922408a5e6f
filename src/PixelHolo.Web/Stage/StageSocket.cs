using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>One stage page's WebSocket (docs/stage-protocol.md): page messages become <see cref="StageInput"/>s for the
/// session's turn state machine, its <see cref="StageOutput"/>s become messages for the page, in the order they came.
/// A malformed or oversized message closes the socket with a code and an <c>error</c> message saying why; nothing a
/// page sends can throw past <see cref="RunAsync"/>.</summary>
internal sealed partial class StageSocket(WebSocket socket, StageSession session, StageSocketOptions options, ILogger logger) : IDisposable
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);
    private const string Unexpected = "The stage failed unexpectedly; the server log has the details. The page reconnects on its own.";
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly byte[] _buffer = new byte[Math.Max(options.MaxTextMessageBytes, options.MaxBinaryMessageBytes) + 1];
    private long _micSamples;

    /// <summary>Says hello, then pumps both ways until the page closes, the page breaks the protocol, the stage ends or the
    /// server ends the session. Socket reads and writes take no token: cancelling one would abort the socket before the
    /// page is told why (a dead page is caught by the keep-alive, and <see cref="WebSocket.Abort"/> ends the rest).</summary>
    public async Task RunAsync(ListeningMode mode, CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, session.Closing);
        Task<Ending> pump = Task.Run(() => PumpOutputsAsync(mode, stop.Token), CancellationToken.None);
        Task<Ending> receive = ReceiveAsync(stop.Token);
        Ending ending;
        bool pageEnded;
        try
        {
            ending = await await Task.WhenAny(pump, receive);
            pageEnded = receive.IsCompleted;
        }
        finally
        {
            // Both sides are stopped and the pump awaited whatever happened: the caller disposes the send gate next, and a
            // pump left running used to meet it disposed (ObjectDisposedException, docs/robustness.md §6).
            await stop.CancelAsync();
            await pump; // returns once any send in flight is done; it catches everything itself
        }
        // The server's reason wins over "the stage ended": when the server stops, the conversation's output stream may end
        // before the pump sees the session's token.
        if (!pageEnded && (ending.Status is null || session.CloseReason != StageCloseReason.None))
        {
            ending = session.CloseReason switch
            {
                StageCloseReason.ProfileGone => new Ending(StageCloseCodes.NoSuchProfile, "This avatar was deleted. Open the uploader to choose another."),
                StageCloseReason.ServerStopping => new Ending(WebSocketCloseStatus.EndpointUnavailable, "The server is stopping."),
                _ => ending.Status is null ? new Ending(WebSocketCloseStatus.NormalClosure, "") : ending,
            };
        }
        await CloseAsync(ending, pageEnded ? null : receive);
    }

    /// <summary>How the socket ends: <see cref="Status"/> null when the page closed it or vanished.</summary>
    private readonly record struct Ending(WebSocketCloseStatus? Status, string Detail);

    private async Task<Ending> PumpOutputsAsync(ListeningMode mode, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(StageWire.Hello(session.ProfileId, mode, session.Conversation.State, options), cancellationToken);
            await foreach (StageOutput output in session.Conversation.ReadOutputsAsync(cancellationToken))
            {
                await SendAsync(StageWire.Encode(output), cancellationToken);
            }
            return new Ending(WebSocketCloseStatus.NormalClosure, "The stage ended.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Ending(null, "");
        }
        catch (WebSocketException)
        {
            return new Ending(null, ""); // the page went away mid-send
        }
        catch (PixelHoloException ex)
        {
            Log.StageFailed(logger, session.ProfileId, ex);
            return new Ending(WebSocketCloseStatus.InternalServerError, ex.Message);
        }
#pragma warning disable CA1031 // top of the socket: a bug in the machine ends this stage with 1011 and a log, not the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.StageFailed(logger, session.ProfileId, ex);
            return new Ending(WebSocketCloseStatus.InternalServerError, Unexpected);
        }
    }

    /// <summary>Reads until the page closes or breaks the protocol. After <paramref name="stopping"/> it only drains (the
    /// server is closing and waits for the page's close frame).</summary>
    private async Task<Ending> ReceiveAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                (WebSocketMessageType type, int length)? message = await ReceiveMessageAsync();
                if (message is not { } m) { return new Ending(null, ""); }
                if (stopping.IsCancellationRequested) { continue; }
                StageInput input = m.type == WebSocketMessageType.Text
                    ? StageWire.ParseText(_buffer.AsSpan(0, m.length)) // ManagedWebSocket itself closes with 1007 on text that is not UTF-8
                    : ParseMic(m.length);
                try
                {
                    await session.Conversation.SendAsync(input, stopping);
                    if (input is StageInput.SetListeningMode changed) { await SendAsync(StageWire.ModeChanged(changed.Mode), stopping); }
                }
                // Closing: the input no longer matters, and a conversation being disposed may refuse it in any way.
                catch (Exception) when (stopping.IsCancellationRequested) { }
            }
        }
        catch (StageProtocolException ex)
        {
            Log.ProtocolViolation(logger, session.ProfileId, (int)ex.Status, ex.Message);
            return new Ending(ex.Status, ex.Message);
        }
        catch (WebSocketException)
        {
            return new Ending(null, ""); // the page vanished without a close frame
        }
#pragma warning disable CA1031 // top of the socket's read side: a bug in the machine ends this stage with 1011 and a log, not the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.StageFailed(logger, session.ProfileId, ex);
            return new Ending(WebSocketCloseStatus.InternalServerError, Unexpected);
        }
    }

    private StageInput.MicAudio ParseMic(int length)
    {
        StageInput.MicAudio audio = StageWire.ParseBinary(_buffer.AsSpan(0, length), TimeSpan.FromSeconds(_micSamples / (double)StageWire.MicSampleRateHz));
        _micSamples += audio.Audio.Samples.Length;
        return audio;
    }

    /// <summary>One whole message into the buffer, or null when the page closed. Stops reading at the first byte over the
    /// limit for its type.</summary>
    private async Task<(WebSocketMessageType, int)?> ReceiveMessageAsync()
    {
        int length = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) { return null; }
            length += result.Count;
            int limit = result.MessageType == WebSocketMessageType.Text ? options.MaxTextMessageBytes : options.MaxBinaryMessageBytes;
            if (length > limit)
            {
                string kind = result.MessageType == WebSocketMessageType.Text ? "text" : "binary";
                throw new StageProtocolException(WebSocketCloseStatus.MessageTooBig,
                    $"A {kind} message may have at most {limit} bytes (StageSocket:Max{(kind == "text" ? "Text" : "Binary")}MessageBytes); this one has more. Send microphone PCM in chunks of about 100 ms.");
            }
            if (result.EndOfMessage) { return (result.MessageType, length); }
        }
    }

    private async Task SendAsync(StageWire.Message message, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message.Bytes, message.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Error message first (a close reason holds 123 bytes at most), then the close frame, then a short wait for
    /// the page's close (read by <paramref name="receiving"/>, or here when the read loop already ended).</summary>
    private async Task CloseAsync(Ending ending, Task<Ending>? receiving)
    {
        try
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(CloseHandshakeTimeout);
                return;
            }
            if (socket.State != WebSocketState.Open) { return; }
            WebSocketCloseStatus status = ending.Status ?? WebSocketCloseStatus.NormalClosure;
            if (status is not (WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable))
            {
                await SendAsync(StageWire.Error(status, ending.Detail), CancellationToken.None).WaitAsync(CloseHandshakeTimeout);
            }
            await socket.CloseOutputAsync(status, Reason(ending.Detail), CancellationToken.None).WaitAsync(CloseHandshakeTimeout);
            if (receiving is not null) { await receiving.WaitAsync(CloseHandshakeTimeout); }
            else
            {
                using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                while (socket.State == WebSocketState.CloseSent)
                {
                    ValueWebSocketReceiveResult result = await socket.ReceiveAsync(_buffer.AsMemory(), timeout.Token);
                    if (result.MessageType == WebSocketMessageType.Close) { break; }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or WebSocketException)
        {
            socket.Abort(); // the page does not answer; drop the connection
        }
    }

    public void Dispose() => _sendGate.Dispose();

    /// <summary>The first sentence, cut to the 123 bytes a close frame allows.</summary>
    internal static string Reason(string detail)
    {
        string reason = detail.Split(". ", 2)[0];
        while (Encoding.UTF8.GetByteCount(reason) > 123) { reason = reason[..^2] + "…"; }
        return reason;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Stage {ProfileId}: the page broke the protocol ({Code}): {Problem}")]
        public static partial void ProtocolViolation(ILogger logger, string profileId, int code, string problem);

        [LoggerMessage(Level = LogLevel.Error, Message = "Stage {ProfileId} failed")]
        public static partial void StageFailed(ILogger logger, string profileId, Exception exception);
    }
}

/// <summary>Close codes of the stage protocol beyond RFC 6455's.</summary>
internal static class StageCloseCodes
{
    public const WebSocketCloseStatus NoSuchProfile = (WebSocketCloseStatus)4404;
    public const WebSocketCloseStatus StageUnavailable = (WebSocketCloseStatus)4503;
}
