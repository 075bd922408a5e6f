using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PixelHolo.Speech.Tests.TextToSpeech.Chatterbox;

/// <summary>A real HTTP server on 127.0.0.1 (port 0) speaking devnen/Chatterbox-TTS-Server's API as its server.py does:
/// GET /get_reference_files (JSON list), POST /upload_reference (multipart "files" → {message, uploaded_files,
/// all_reference_files, errors}), POST /tts (clone mode; with stream: true a WAV header whose sizes are 0xFFFFFFFF, then
/// 16-bit PCM flushed per text chunk), POST /v1/audio/speech (a whole WAV), errors as FastAPI's {"detail": …}.</summary>
internal sealed class LoopbackChatterbox : IAsyncDisposable
{
    public const int SampleRateHz = 24_000;
    private readonly WebApplication _app;

    private LoopbackChatterbox(WebApplication app) => _app = app;

    public enum Behaviour { Normal, NoStreamingRoute, SlowAfterFirstChunk, DropAfterFirstChunk }

    public Behaviour Mode { get; set; } = Behaviour.Normal;

    /// <summary>Reference files the server holds.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Uploads { get; } = new();

    /// <summary>Set by a test when its client has the first audio: the "drop" server breaks the connection only then, so
    /// the break happens mid-stream and not before the response headers are read.</summary>
    public TaskCompletionSource ClientHasAudio { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<JsonElement> TtsRequests { get; } = new();

    public ConcurrentQueue<JsonElement> SpeechRequests { get; } = new();

    /// <summary>The PCM sent for every request, one array per server-side chunk (a 220 Hz tone by default).</summary>
    public IReadOnlyList<short[]> Chunks { get; set; } = [Tone(0, 4800), Tone(4800, 7200), Tone(12_000, 2400)];

    public string Endpoint => _app.Urls.First();

    public static async Task<LoopbackChatterbox> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new LoopbackChatterbox(app);
        app.MapGet("/get_reference_files", () => Results.Json(server.Files.Keys.Order(StringComparer.Ordinal).ToArray()));
        app.MapPost("/upload_reference", (Delegate)server.UploadAsync);
        app.MapPost("/tts", server.TtsAsync);
        app.MapPost("/v1/audio/speech", server.SpeechAsync);
        await app.StartAsync();
        return server;
    }

    public static short[] Tone(int start, int length) =>
        [.. Enumerable.Range(start, length).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 220 * i / SampleRateHz)))];

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        IFormCollection form = await context.Request.ReadFormAsync();
        var uploaded = new List<string>();
        foreach (IFormFile file in form.Files.GetFiles("files"))
        {
            using var body = new MemoryStream();
            await file.CopyToAsync(body);
            Files[file.FileName] = body.ToArray();
            Uploads.Enqueue(file.FileName);
            uploaded.Add(file.FileName);
        }
        return Results.Json(new { message = $"Processed {uploaded.Count} file(s).", uploaded_files = uploaded, all_reference_files = Files.Keys, errors = Array.Empty<object>() });
    }

    private async Task TtsAsync(HttpContext context)
    {
        if (Mode == Behaviour.NoStreamingRoute)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { detail = "Not Found" });
            return;
        }
        using JsonDocument request = await JsonDocument.ParseAsync(context.Request.Body);
        JsonElement body = request.RootElement.Clone();
        TtsRequests.Enqueue(body);
        string file = body.GetProperty("reference_audio_filename").GetString() ?? "";
        if (body.GetProperty("voice_mode").GetString() != "clone" || !Files.ContainsKey(file))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { detail = $"Reference audio file '{file}' not found." });
            return;
        }
        context.Response.ContentType = "audio/wav";
        await context.Response.Body.WriteAsync(Header(streaming: true, dataBytes: 0));
        await context.Response.Body.FlushAsync();
        for (int i = 0; i < Chunks.Count; i++)
        {
            await context.Response.Body.WriteAsync(Pcm(Chunks[i]));
            await context.Response.Body.FlushAsync();
            if (i == 0 && Mode == Behaviour.DropAfterFirstChunk)
            {
                await ClientHasAudio.Task.WaitAsync(TimeSpan.FromMinutes(1));
                context.Abort();
                return;
            }
            if (i == 0 && Mode == Behaviour.SlowAfterFirstChunk) { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
        }
    }

    private async Task SpeechAsync(HttpContext context)
    {
        using JsonDocument request = await JsonDocument.ParseAsync(context.Request.Body);
        JsonElement body = request.RootElement.Clone();
        SpeechRequests.Enqueue(body);
        if (!Files.ContainsKey(body.GetProperty("voice").GetString() ?? ""))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { detail = $"Voice file '{body.GetProperty("voice")}' not found." });
            return;
        }
        byte[] pcm = [.. Chunks.SelectMany(Pcm)];
        context.Response.ContentType = "audio/wav";
        await context.Response.Body.WriteAsync(Header(streaming: false, pcm.Length));
        await context.Response.Body.WriteAsync(pcm);
    }

    private static byte[] Pcm(short[] samples)
    {
        byte[] bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++) { BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]); }
        return bytes;
    }

    private static byte[] Header(bool streaming, int dataBytes)
    {
        byte[] h = new byte[44];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), streaming ? 0xFFFFFFFF : (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(h.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(24), SampleRateHz);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), SampleRateHz * 2);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(34), 16);
        "data"u8.CopyTo(h.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), streaming ? 0xFFFFFFFF : (uint)dataBytes);
        return h;
    }
}
