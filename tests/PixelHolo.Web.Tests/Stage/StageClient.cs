using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>A stage page's socket from a test: <see cref="ClientWebSocket"/> with whole-message reads.</summary>
internal sealed class StageClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(2));
    private readonly SemaphoreSlim _sendGate = new(1, 1); // a page sends from its microphone and its player at once; a socket takes one send at a time

    public WebSocket Socket => _socket;

    public static async Task<StageClient> ConnectAsync(string baseUrl, string profileId, string? query = null, string? origin = null, string? cookie = null)
    {
        var client = new StageClient();
        if (origin is not null) { client._socket.Options.SetRequestHeader("Origin", origin); }
        if (cookie is not null) { client._socket.Options.SetRequestHeader("Cookie", cookie); }
        client._socket.Options.CollectHttpResponseDetails = true;
        var uri = new Uri($"{baseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/api/stage/{profileId}/socket{query}");
        await client._socket.ConnectAsync(uri, client._guard.Token);
        return client;
    }

    /// <summary>The next message: JSON for text, raw bytes for binary; null once the server closed.</summary>
    public async Task<Received?> ReceiveAsync()
    {
        byte[] buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, _guard.Token);
            if (result.MessageType == WebSocketMessageType.Close) { return null; }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                byte[] bytes = message.ToArray();
                return result.MessageType == WebSocketMessageType.Text
                    ? new Received(JsonDocument.Parse(bytes).RootElement.Clone(), null)
                    : new Received(null, bytes);
            }
        }
    }

    /// <summary>Reads text messages until one of <paramref name="type"/> (binary ones are skipped).</summary>
    public async Task<JsonElement> ReceiveJsonAsync(string type)
    {
        while (true)
        {
            Received received = await ReceiveAsync() ?? throw new InvalidOperationException($"The server closed before a '{type}' message ({_socket.CloseStatus}: {_socket.CloseStatusDescription}).");
            if (received.Json is { } json && json.GetProperty("type").GetString() == type) { return json; }
        }
    }

    /// <summary>Reads until the server's close; returns its code and reason plus the last error message seen.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason, JsonElement? Error)> ReceiveCloseAsync()
    {
        JsonElement? error = null;
        while (await ReceiveAsync() is { } received)
        {
            if (received.Json is { } json && json.GetProperty("type").GetString() == "error") { error = json; }
        }
        return (_socket.CloseStatus, _socket.CloseStatusDescription, error);
    }

    public Task SendJsonAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        await _sendGate.WaitAsync(_guard.Token);
        try { await _socket.SendAsync(bytes, type, endOfMessage: true, _guard.Token); }
        finally { _sendGate.Release(); }
    }

    public static byte[] Mic(params short[] samples)
    {
        byte[] bytes = new byte[1 + (samples.Length * 2)];
        bytes[0] = 0x01;
        for (int i = 0; i < samples.Length; i++) { BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(1 + (i * 2)), samples[i]); }
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", _guard.Token); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { } // the server left first
        }
        _socket.Dispose();
        _guard.Dispose();
        _sendGate.Dispose();
    }
}

/// <summary>One server message: <see cref="Json"/> for text, <see cref="Binary"/> for binary.</summary>
internal sealed record Received(JsonElement? Json, byte[]? Binary)
{
    public string Type => Json?.GetProperty("type").GetString() ?? (Binary![0] == 1 ? "audio" : "jpeg");

    public string TurnId => Json is { } j ? j.GetProperty("turnId").GetString()! : Encoding.UTF8.GetString(Binary!, 2, Binary![1]);

    /// <summary>Sample rate, start (s) and samples of a binary audio message.</summary>
    public (int RateHz, double Start, short[] Samples) Audio()
    {
        int at = 2 + Binary![1];
        short[] samples = new short[(Binary.Length - at - 12) / 2];
        for (int i = 0; i < samples.Length; i++) { samples[i] = BinaryPrimitives.ReadInt16LittleEndian(Binary.AsSpan(at + 12 + (i * 2))); }
        return ((int)BinaryPrimitives.ReadUInt32LittleEndian(Binary.AsSpan(at)), BinaryPrimitives.ReadDoubleLittleEndian(Binary.AsSpan(at + 4)), samples);
    }
}
