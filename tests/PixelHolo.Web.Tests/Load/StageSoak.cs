using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Storage;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Load;

/// <summary>What a soak run does: <see cref="Stages"/> stage sockets open at once, each asking typed questions back to back for
/// <see cref="Duration"/>, while <see cref="StatusPerSecond"/> GET /api/status requests a second run beside them.</summary>
internal sealed record SoakPlan(int Stages, TimeSpan Duration, int StatusPerSecond, string RuntimeDirectory, string ModelsDirectory)
{
    /// <summary>Turns each stage takes before the first memory reading (JIT, pools and caches settle).</summary>
    public int WarmUpTurns { get; init; } = 3;

    /// <summary>Where a line goes every <see cref="ProgressEvery"/> (the bench prints it; the test leaves it null).</summary>
    public TextWriter? Progress { get; init; }

    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>The figures of a soak run (docs/benchmarks.md, "soak").</summary>
internal sealed record SoakReport(
    int Stages, TimeSpan Duration, int TurnsStarted, int TurnsCompleted, IReadOnlyList<double> TurnSeconds, int[] TurnsPerStage,
    int StatusRequests, int StatusFailures, IReadOnlyList<double> StatusSeconds,
    long HeapStartBytes, long HeapEndBytes, long RssStartBytes, long RssEndBytes, IReadOnlyList<string> Errors)
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) { return double.NaN; }
        double[] sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
    }

    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Join('\n',
            string.Create(c, $"stages {Stages}, {Duration.TotalMinutes:0.##} min after warm-up: {TurnsCompleted} turns completed of {TurnsStarted} started ({TurnsCompleted / Duration.TotalSeconds:F1}/s), per stage {TurnsPerStage.Min()}–{TurnsPerStage.Max()}"),
            string.Create(c, $"turn (ask → turnCompleted, over the socket): p50 {Percentile(TurnSeconds, 0.5) * 1000:F0} ms, p95 {Percentile(TurnSeconds, 0.95) * 1000:F0} ms, max {(TurnSeconds.Count > 0 ? TurnSeconds.Max() * 1000 : double.NaN):F0} ms"),
            string.Create(c, $"GET /api/status: {StatusRequests} requests ({StatusRequests / Duration.TotalSeconds:F1}/s), {StatusFailures} failed; p50 {Percentile(StatusSeconds, 0.5) * 1000:F1} ms, p95 {Percentile(StatusSeconds, 0.95) * 1000:F1} ms"),
            string.Create(c, $"managed heap after a full GC: {HeapStartBytes / 1048576.0:F1} MiB after warm-up, {HeapEndBytes / 1048576.0:F1} MiB at the end ({(HeapEndBytes - HeapStartBytes) / 1048576.0:+0.0;-0.0} MiB)"),
            string.Create(c, $"resident size: {RssStartBytes / 1048576.0:F1} MiB after warm-up, {RssEndBytes / 1048576.0:F1} MiB at the end ({(RssEndBytes - RssStartBytes) / 1048576.0:+0.0;-0.0} MiB)"),
            $"errors: {Errors.Count}{(Errors.Count > 0 ? ": " + string.Join(" | ", Errors.Take(5)) : "")}");
    }
}

/// <summary>Load and soak on loopback only, bounded and self-stopping (issue 15, item 6): the real web app on Kestrel
/// (127.0.0.1, a free port) with <see cref="InstantEngines"/>, real WebSockets through the real stage socket and turn state
/// machine, real SQLite. Each stage is its own profile (a stored row and a committed, empty profile folder: the instant
/// renderer needs no frames). Everything stops when <see cref="SoakPlan.Duration"/> is over.</summary>
internal static class StageSoak
{
    private static readonly string[] Questions =
        ["tell me about your work", "what did you like about the sea", "how are you today", "tell me about your family", "what is your favourite engine"];

    public static async Task<SoakReport> RunAsync(SoakPlan plan, CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:Directory"] = plan.RuntimeDirectory,
            ["Runtime:ModelsDirectory"] = plan.ModelsDirectory,
            ["Web:Port"] = "0",
            ["Llm:AutoStart"] = "false",
            ["Llm:AutoPull"] = "false",
            ["Tracking:Enabled"] = "false",
            // Chit-chat questions do not search; should one, it meets a closed loopback port, never the network.
            ["Search:WikipediaBaseUrl"] = "http://127.0.0.1:9/",
            ["Search:DuckDuckGoBaseUrl"] = "http://127.0.0.1:9/",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], settings, InstantEngines.Install, cancellationToken);
        string[] profileIds = await CreateProfilesAsync(app.Services, plan.Stages, cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromSeconds(30) };

        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var stages = new Stage[plan.Stages];
        try
        {
            for (int i = 0; i < stages.Length; i++) { stages[i] = await Stage.OpenAsync(app.Url, profileIds[i], errors, cancellationToken); }
            // Warm-up: every stage converses a little before anything is measured.
            await Task.WhenAll(stages.Select(s => s.TurnsAsync(plan.WarmUpTurns, null, cancellationToken)));
            (long heapStart, long rssStart) = Memory();

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(plan.Duration);
            var status = new StatusLoad(http, plan.StatusPerSecond, errors);
            var measured = new System.Collections.Concurrent.ConcurrentBag<double>();
            Task progress = ProgressAsync(plan, stages, status, stop.Token);
            Task statusRun = status.RunAsync(stop.Token);
            await Task.WhenAll(stages.Select(s => s.TurnsAsync(int.MaxValue, measured, stop.Token)));
            await statusRun;
            await progress;
            (long heapEnd, long rssEnd) = Memory();

            return new SoakReport(plan.Stages, plan.Duration, stages.Sum(s => s.Started), stages.Sum(s => s.Completed), [.. measured],
                [.. stages.Select(s => s.Completed)], status.Requests, status.Failures, status.Seconds, heapStart, heapEnd, rssStart, rssEnd, [.. errors]);
        }
        finally
        {
            foreach (Stage? stage in stages) { if (stage is not null) { await stage.DisposeAsync(); } }
        }
    }

    private static async Task<string[]> CreateProfilesAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        IProfileStore store = services.GetRequiredService<IProfileStore>();
        IProfileFolders folders = services.GetRequiredService<IProfileFolders>();
        var ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            var profile = await store.CreateAsync($"Soak {i + 1}", "You are a retired ship's engineer who likes to talk.", cancellationToken);
            string folder = folders.Commit(folders.CreateStaging(profile.Id), profile.Id);
            await store.MarkReadyAsync(profile.Id, folder, cancellationToken);
            ids[i] = profile.Id;
        }
        return ids;
    }

    private static (long Heap, long Rss) Memory()
    {
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        return (heap, Environment.WorkingSet);
    }

    private static async Task ProgressAsync(SoakPlan plan, Stage[] stages, StatusLoad status, CancellationToken stop)
    {
        if (plan.Progress is not { } writer) { return; }
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(plan.ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var wal = new FileInfo(Path.Combine(plan.RuntimeDirectory, "pixelholo.db-wal"));
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {clock.Elapsed.TotalMinutes:F1} min: {stages.Sum(s => s.Completed)} turns, {status.Requests} status requests ({status.Failures} failed), managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB, resident {Environment.WorkingSet / 1048576.0:F1} MiB, thread pool {ThreadPool.ThreadCount} threads ({ThreadPool.PendingWorkItemCount} queued), WAL {(wal.Exists ? wal.Length / 1048576.0 : 0):F1} MiB, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { } // the run is over
    }

    /// <summary>GET /api/status at a fixed rate, each request on its own (a slow answer does not hold back the next).</summary>
    private sealed class StatusLoad(HttpClient http, int perSecond, System.Collections.Concurrent.ConcurrentQueue<string> errors)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<double> _seconds = [];
        private int _requests;
        private int _failures;

        public int Requests => Volatile.Read(ref _requests);

        public int Failures => Volatile.Read(ref _failures);

        public IReadOnlyList<double> Seconds => [.. _seconds];

        public async Task RunAsync(CancellationToken stop)
        {
            if (perSecond <= 0) { return; }
            var inFlight = new List<Task>();
            var clock = Stopwatch.StartNew();
            long issued = 0;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    // A busy machine delays ticks: catch up to the rate by the clock, not by the ticks that came.
                    for (long due = (long)(clock.Elapsed.TotalSeconds * perSecond); issued < due; issued++) { inFlight.Add(OneAsync()); }
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { } // the run is over
            await Task.WhenAll(inFlight);
        }

        private async Task OneAsync()
        {
            long started = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _requests);
            try
            {
                using HttpResponseMessage response = await http.GetAsync("/api/status");
                string body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _failures);
                    errors.Enqueue($"GET /api/status answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                    return;
                }
                using JsonDocument json = JsonDocument.Parse(body);
                _ = json.RootElement.GetProperty("engines"); // a real status document, not an error page
                _seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                Interlocked.Increment(ref _failures);
                errors.Enqueue($"GET /api/status failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>One stage page's socket, playing the page's part of a typed turn: ask, read the answer (audio and frames),
    /// report playback started and ended, read the turn's report.</summary>
    private sealed class Stage : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors;
        private readonly string _profileId;
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _started;
        private int _completed;
        private bool _broken;

        private Stage(string profileId, System.Collections.Concurrent.ConcurrentQueue<string> errors)
        {
            _profileId = profileId;
            _errors = errors;
        }

        public int Started => Volatile.Read(ref _started);

        public int Completed => Volatile.Read(ref _completed);

        public static async Task<Stage> OpenAsync(string url, string profileId, System.Collections.Concurrent.ConcurrentQueue<string> errors, CancellationToken cancellationToken)
        {
            var stage = new Stage(profileId, errors);
            await stage._socket.ConnectAsync(new Uri($"{url.Replace("http://", "ws://", StringComparison.Ordinal)}/api/stage/{profileId}/socket"), cancellationToken);
            (JsonElement? hello, _) = await stage.ReceiveAsync(cancellationToken);
            if (hello?.GetProperty("type").GetString() != "hello") { throw new InvalidOperationException($"Stage {profileId} did not say hello: {hello}"); }
            return stage;
        }

        /// <summary>Up to <paramref name="count"/> turns, until <paramref name="stop"/>; a turn in flight when it fires is finished
        /// (the run ends cleanly, not in the middle of an answer) under a generous limit of its own.</summary>
        public async Task TurnsAsync(int count, System.Collections.Concurrent.ConcurrentBag<double>? measured, CancellationToken stop)
        {
            for (int i = 0; i < count && !stop.IsCancellationRequested && !_broken; i++)
            {
                using var turnLimit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                long started = Stopwatch.GetTimestamp();
                if (measured is not null) { Interlocked.Increment(ref _started); }
                try
                {
                    if (await TurnAsync(Questions[i % Questions.Length], turnLimit.Token) is { } problem)
                    {
                        _errors.Enqueue($"stage {_profileId}: {problem}");
                        continue;
                    }
                    if (measured is not null)
                    {
                        measured.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                        Interlocked.Increment(ref _completed);
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or InvalidOperationException)
                {
                    _broken = true;
                    _errors.Enqueue($"stage {_profileId}: {ex.GetType().Name}: {ex.Message} (socket {_socket.State}, {_socket.CloseStatus}: {_socket.CloseStatusDescription})");
                }
            }
        }

        /// <summary>One typed turn; null when it completed cleanly, else what went wrong.</summary>
        private async Task<string?> TurnAsync(string question, CancellationToken cancellationToken)
        {
            await SendAsync(new { type = "ask", text = question }, cancellationToken);
            string? turnId = null;
            double audioSeconds = 0;
            int frames = 0;
            while (true)
            {
                (JsonElement? json, byte[]? binary) = await ReceiveAsync(cancellationToken);
                if (binary is { Length: > 0 } && binary[0] == 1)
                {
                    int at = 2 + binary[1];
                    audioSeconds = Math.Max(audioSeconds, BinaryPrimitives.ReadDoubleLittleEndian(binary.AsSpan(at + 4))
                        + ((binary.Length - at - 12) / 2.0 / BinaryPrimitives.ReadUInt32LittleEndian(binary.AsSpan(at))));
                    continue;
                }
                if (json is not { } message) { continue; }
                switch (message.GetProperty("type").GetString())
                {
                    case "state" when message.GetProperty("state").GetString() == "error":
                        return $"error state: {message.GetProperty("detail")}";
                    case "frame":
                        frames++;
                        break;
                    case "answerEnded":
                        turnId = message.GetProperty("turnId").GetString();
                        if (audioSeconds <= 0 || frames == 0) { return $"answer {turnId} ended with {audioSeconds:F2} s of audio and {frames} frames"; }
                        await SendAsync(new { type = "playbackStarted", turnId }, cancellationToken);
                        await SendAsync(new { type = "playbackEnded", turnId, played = audioSeconds }, cancellationToken);
                        break;
                    case "turnCompleted":
                        if (message.GetProperty("error").ValueKind != JsonValueKind.Null) { return $"turn failed: {message.GetProperty("error")}"; }
                        if (turnId is null || message.GetProperty("turnId").GetString() != turnId) { return $"turnCompleted {message.GetProperty("turnId")} before its answer ended"; }
                        return string.IsNullOrEmpty(message.GetProperty("answer").GetString()) ? "turnCompleted with an empty answer" : null;
                }
            }
        }

        private Task SendAsync(object message, CancellationToken cancellationToken) =>
            _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

        private async Task<(JsonElement? Json, byte[]? Binary)> ReceiveAsync(CancellationToken cancellationToken)
        {
            using var message = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult result = await _socket.ReceiveAsync(_buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"the server closed the stage ({result.CloseStatus}: {result.CloseStatusDescription})");
                }
                message.Write(_buffer, 0, result.Count);
                if (!result.EndOfMessage) { continue; }
                return result.MessageType == WebSocketMessageType.Text
                    ? (JsonDocument.Parse(message.ToArray()).RootElement.Clone(), null)
                    : (null, message.ToArray());
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "soak over", limit.Token); }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { } // the server left first
            }
            _socket.Dispose();
        }
    }
}
