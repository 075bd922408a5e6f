using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using PixelHolo.Core.Errors;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.TextToSpeech.Chatterbox;

/// <summary>The person's cloned voice from a Chatterbox TTS server (devnen/Chatterbox-TTS-Server). The profile's
/// reference is uploaded once (<c>POST /upload_reference</c>, multipart field <c>files</c>, named by its SHA-256 so a
/// changed reference is a new file; skipped when <c>GET /get_reference_files</c> already lists it), then each sentence is
/// <c>POST /tts</c> with <c>voice_mode: "clone"</c> and <c>stream: true</c>: a WAV header whose sizes are 0xFFFFFFFF,
/// then PCM as each server-side chunk is done, decoded as it arrives. A server without <c>/tts</c> streaming (404/405/422)
/// gets <c>POST /v1/audio/speech</c> (OpenAI-style, whole WAV) instead.</summary>
internal sealed partial class ChatterboxSpeechSynthesizer(
    IHttpClientFactory httpClients, IOptions<ChatterboxOptions> options, ILogger<ChatterboxSpeechSynthesizer> logger) : ITtsEngine
{
    public const string EngineName = "chatterbox";
    public const string HttpClientName = "chatterbox";
    private readonly ChatterboxOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, string> _uploaded = new(StringComparer.Ordinal); // endpoint + sha → server file name
    private volatile bool _openAiRoute;

    public string Name => EngineName;

    public string Licence => "Chatterbox TTS (Resemble AI): MIT code and weights, served by devnen/Chatterbox-TTS-Server (MIT) on the configured host";

    public bool ClonesVoice => true;

    public async Task<string?> UnavailableReasonAsync(VoiceReference? voice, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.Endpoint)) { return "no server configured (set Tts:Chatterbox:Endpoint, e.g. http://gpu-box:8004)"; }
        if (voice is null || !File.Exists(voice.WavPath)) { return "no voice reference to clone (no profile or reference given, or the profile has no voice/reference.wav)"; }
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(_options.ProbeTimeout);
        try
        {
            using HttpResponseMessage response = await Client().GetAsync(new Uri("get_reference_files", UriKind.Relative), probe.Token);
            return response.IsSuccessStatusCode ? null : $"the server at {_options.Endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the server at {_options.Endpoint} did not answer within {_options.ProbeTimeout.TotalSeconds:0.#} s (Tts:Chatterbox:ProbeTimeout)";
        }
        catch (HttpRequestException ex)
        {
            return $"the server at {_options.Endpoint} is not reachable ({ex.Message})";
        }
    }

    public async Task PrepareAsync(VoiceReference? voice, CancellationToken cancellationToken)
    {
        if (voice is not null) { await EnsureReferenceAsync(voice, cancellationToken); }
    }

    public IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        if (voice is null) { throw new ArgumentNullException(nameof(voice), "The Chatterbox server clones a voice: pass the profile's voice reference."); }
        return SpeechChunkStream.ChunksAsync(textChunks, (text, ct) => SpeakAsync(text, voice, ct), Name, warning: null, cancellationToken);
    }

    /// <summary>Uploads the reference unless the server has it; returns the file name the server knows it by.</summary>
    internal async Task<string> EnsureReferenceAsync(VoiceReference voice, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(voice.WavPath, cancellationToken);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string key = $"{_options.Endpoint}|{sha}";
        if (_uploaded.TryGetValue(key, out string? known)) { return known; }
        string fileName = $"pixelholo-{sha[..16]}.wav";
        HttpClient http = Client();
        using (var timeout = Timeout(cancellationToken))
        {
            using HttpResponseMessage list = await Send(() => http.GetAsync(new Uri("get_reference_files", UriKind.Relative), timeout.Token), "GET /get_reference_files", cancellationToken);
            await EnsureSuccessAsync(list, "GET /get_reference_files", timeout.Token);
            string[] files = await list.Content.ReadFromJsonAsync<string[]>(timeout.Token) ?? [];
            if (files.Contains(fileName, StringComparer.Ordinal))
            {
                _uploaded[key] = fileName;
                return fileName;
            }
        }
        using (var timeout = Timeout(cancellationToken))
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "files", fileName);
            using HttpResponseMessage response = await Send(() => http.PostAsync(new Uri("upload_reference", UriKind.Relative), form, timeout.Token), "POST /upload_reference", cancellationToken);
            await EnsureSuccessAsync(response, "POST /upload_reference", timeout.Token);
            // The Chatterbox server's reply (a third party's format, which differs between its versions): read field by field.
            using JsonDocument result = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            bool uploaded = result.RootElement.TryGetProperty("uploaded_files", out JsonElement names)
                && names.EnumerateArray().Any(n => n.GetString() == fileName);
            if (!uploaded)
            {
                string errors = result.RootElement.TryGetProperty("errors", out JsonElement e) ? e.GetRawText() : "none given";
                throw new ServiceUnavailableException(Name, $"The Chatterbox server at {_options.Endpoint} did not accept the voice reference '{voice.WavPath}' (errors: {errors}). " +
                    "It takes WAV or MP3 up to its max_reference_duration_sec (30 s by default); make the reference shorter or raise that setting.");
            }
        }
        LogUploaded(logger, fileName, _options.Endpoint!);
        _uploaded[key] = fileName;
        return fileName;
    }

    private async IAsyncEnumerable<AudioChunk> SpeakAsync(string text, VoiceReference voice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string reference = await EnsureReferenceAsync(voice, cancellationToken);
        HttpClient http = Client();
        using var idle = Timeout(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            if (!_openAiRoute)
            {
                // The Chatterbox server's request body, by its own (snake_case) names.
                var body = new Dictionary<string, object>
                {
                    ["text"] = text, ["voice_mode"] = "clone", ["reference_audio_filename"] = reference, ["output_format"] = "wav",
                    ["split_text"] = true, ["chunk_size"] = _options.ChunkSize, ["stream"] = true,
                };
                response = await Send(() => PostJsonAsync(http, "tts", body, idle.Token), "POST /tts", cancellationToken);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.UnprocessableEntity
                    && !await IsReferenceMissingAsync(response, idle.Token))
                {
                    LogOpenAiRoute(logger, (int)response.StatusCode);
                    response.Dispose();
                    response = null;
                    _openAiRoute = true;
                }
            }
            if (response is null)
            {
                var body = new Dictionary<string, object> { ["model"] = "chatterbox", ["input"] = text, ["voice"] = reference, ["response_format"] = "wav" };
                response = await Send(() => PostJsonAsync(http, "v1/audio/speech", body, idle.Token), "POST /v1/audio/speech", cancellationToken);
            }
            await EnsureSuccessAsync(response, _openAiRoute ? "POST /v1/audio/speech" : "POST /tts", idle.Token);
            Stream stream = await response.Content.ReadAsStreamAsync(idle.Token);
            var decoder = new WavStreamDecoder($"The Chatterbox server's audio ({_options.Endpoint})");
            byte[] buffer = new byte[16 * 1024];
            while (true)
            {
                idle.CancelAfter(_options.Timeout); // an idle limit: each piece of audio may take this long
                int read = await ReadAsync(stream, buffer, idle.Token, cancellationToken);
                if (read == 0) { break; }
                float[] samples = decoder.Decode(buffer.AsSpan(0, read));
                if (samples.Length > 0)
                {
                    yield return new AudioChunk(SpeechChunkStream.ToMono(samples, decoder.Channels), decoder.SampleRateHz, 1, TimeSpan.Zero);
                }
            }
            decoder.Complete();
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<int> ReadAsync(Stream stream, byte[] buffer, CancellationToken idle, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, idle);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnavailableException(Name, $"The Chatterbox server at {_options.Endpoint} sent no audio for {_options.Timeout.TotalSeconds:0.#} s " +
                "(Tts:Chatterbox:Timeout) and was left; raise the timeout if the GPU box is just slow.");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new ServiceUnavailableException(Name, $"The Chatterbox server at {_options.Endpoint} broke off the audio stream ({ex.Message}).", ex);
        }
    }

    private async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> send, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnavailableException(Name, $"The Chatterbox server at {_options.Endpoint} did not answer {what} within {_options.Timeout.TotalSeconds:0.#} s " +
                "(Tts:Chatterbox:Timeout).");
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceUnavailableException(Name, $"The Chatterbox server at {_options.Endpoint} is not reachable ({what}: {ex.Message}). " +
                "Start it (python server.py, port 8004) or clear Tts:Chatterbox:Endpoint.", ex);
        }
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>A 404 from /tts can also mean "reference file not found": that is not a missing route.</summary>
    private static async Task<bool> IsReferenceMissingAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.NotFound
        && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("Reference audio", StringComparison.OrdinalIgnoreCase);

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) { return; }
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        string detail = body;
        try
        {
            // A FastAPI error body ({"detail": …}) when there is one; any other body is quoted as it is.
            using JsonDocument json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("detail", out JsonElement d)) { detail = d.ToString(); }
        }
        catch (JsonException)
        {
            // Not FastAPI's {"detail": …}: quote the body as it is.
        }
        throw new ServiceUnavailableException(Name, $"The Chatterbox server at {_options.Endpoint} answered {what} with {(int)response.StatusCode} {response.ReasonPhrase}: " +
            $"{(detail.Length > 300 ? detail[..300] : detail)}");
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_options.Timeout);
        return source;
    }

    private HttpClient Client()
    {
        HttpClient http = httpClients.CreateClient(HttpClientName);
        string endpoint = _options.Endpoint!.EndsWith('/') ? _options.Endpoint : _options.Endpoint + "/";
        http.BaseAddress = new Uri(endpoint);
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // our own limits, per read, above
        return http;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded the voice reference {FileName} to the Chatterbox server {Endpoint}")]
    private static partial void LogUploaded(ILogger logger, string fileName, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Chatterbox server has no streaming /tts route ({Status}); using /v1/audio/speech (whole sentences)")]
    private static partial void LogOpenAiRoute(ILogger logger, int status);
}
