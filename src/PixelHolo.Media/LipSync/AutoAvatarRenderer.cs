using System.Globalization;
using System.Runtime.CompilerServices;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;

namespace PixelHolo.Media.LipSync;

/// <summary>The streaming renderer the stage uses ("auto"): the configured engine, falling back along lip-sync → loop →
/// still when the profile lacks what an engine needs or the engine cannot keep real time. Speed is measured when a stage
/// opens (a one-second probe answer on a separate session) and on every answer (render time per frame, not counting time
/// spent waiting for audio); an answer that ran slower than real time moves the stage to the next engine from its next
/// answer on. Every fallback is logged as a warning and published through <see cref="IRenderingStatus"/>.</summary>
internal sealed partial class AutoAvatarRenderer : IStreamingAvatarRenderer, IRenderingStatus
{
    private readonly IReadOnlyList<IStreamingAvatarRenderer> _chain;
    private readonly LoopRendererOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private RenderingState? _current;

    public AutoAvatarRenderer(LipSyncRenderer lipsync, StreamingLoopRenderer loop, StillRenderer still, IOptions<LoopRendererOptions> options, TimeProvider time, ILogger<AutoAvatarRenderer> logger)
        : this([lipsync, loop, still], options.Value, time, logger)
    {
    }

    internal AutoAvatarRenderer(IReadOnlyList<IStreamingAvatarRenderer> chain, LoopRendererOptions options, TimeProvider time, ILogger logger)
    {
        _chain = chain;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Name => "auto";

    public RenderingState? Current => Volatile.Read(ref _current);

    public async Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        int first = _options.Engine == "auto" ? 0 : Math.Max(0, _chain.ToList().FindIndex(e => e.Name == _options.Engine));
        var reasons = new List<string>();
        for (int i = first; i < _chain.Count; i++)
        {
            IStreamingAvatarRenderer engine = _chain[i];
            IAvatarRenderSession session;
            try
            {
                session = await engine.OpenAsync(profile, cancellationToken);
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException && i < _chain.Count - 1)
            {
                reasons.Add($"{engine.Name}: {ex.Message}");
                continue;
            }
            double? fps = null;
            if (i < _chain.Count - 1)
            {
                fps = await ProbeAsync(engine, profile, cancellationToken);
                double needed = _options.MinRealTimeFactor * session.FramesPerSecond;
                if (fps < needed)
                {
                    await session.DisposeAsync();
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{engine.Name} renders {fps:F1} frames/s at start-up, {needed:F1} are needed to keep real time"));
                    continue;
                }
            }
            Publish(profile, engine.Name, reasons.Count > 0 ? string.Join("; ", reasons) : null, fps);
            return new AutoSession(this, profile, session, i);
        }
        throw new InvalidOperationException($"No renderer could open profile '{profile.Name}': {string.Join("; ", reasons)}");
    }

    private async Task<double> ProbeAsync(IStreamingAvatarRenderer engine, AvatarProfile profile, CancellationToken cancellationToken)
    {
        // One second of a voiced tone between short silences: exercises the whole path (features, search, compositing).
        const int rate = 16_000;
        float[] probe = new float[rate];
        for (int i = rate / 5; i < rate * 4 / 5; i++) { probe[i] = 0.3f * MathF.Sin(2 * MathF.PI * 180 * i / rate) * (0.6f + (0.4f * MathF.Sin(2 * MathF.PI * 4 * i / rate))); }
        await using IAvatarRenderSession session = await engine.OpenAsync(profile, cancellationToken);
        long started = _time.GetTimestamp();
        int frames = 0;
        await foreach (AvatarFrame _ in session.RenderAsync(One(new AudioChunk(probe, rate, 1, TimeSpan.Zero)), cancellationToken)) { frames++; }
        return frames / Math.Max(1e-6, _time.GetElapsedTime(started).TotalSeconds);
    }

    private static async IAsyncEnumerable<AudioChunk> One(AudioChunk chunk)
    {
        await Task.CompletedTask;
        yield return chunk;
    }

    private void Publish(AvatarProfile profile, string engine, string? reason, double? fps)
    {
        Volatile.Write(ref _current, new RenderingState(_options.Engine, engine, reason, fps is { } f ? Math.Round(f, 1) : null, _time.GetUtcNow()));
        if (reason is null) { LogChosen(_logger, profile.Id, engine, fps ?? 0); }
        else { LogFallback(_logger, profile.Id, engine, reason); }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId}: answers are rendered by {Engine} ({FramesPerSecond:F1} frames/s measured)")]
    private static partial void LogChosen(ILogger logger, string profileId, string engine, double framesPerSecond);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId}: answers are rendered by {Engine} instead: {Reason}")]
    private static partial void LogFallback(ILogger logger, string profileId, string engine, string reason);

    /// <summary>A stage's session that measures every answer and moves down the chain after one that was too slow.</summary>
    private sealed class AutoSession(AutoAvatarRenderer owner, AvatarProfile profile, IAvatarRenderSession inner, int index) : IAvatarRenderSession
    {
        private IAvatarRenderSession _inner = inner;
        private int _index = index;

        public double FramesPerSecond => _inner.FramesPerSecond;

        public string Engine => owner._chain[_index].Name;

        public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var waiting = new WaitClock(owner._time);
            long started = owner._time.GetTimestamp();
            int frames = 0;
            await foreach (AvatarFrame frame in _inner.RenderAsync(waiting.Wrap(speech, cancellationToken), cancellationToken))
            {
                frames++;
                // Time the consumer holds the frame is not render time either.
                waiting.Pause();
                yield return frame;
                waiting.Resume();
            }
            double renderSeconds = Math.Max(1e-6, owner._time.GetElapsedTime(started).TotalSeconds - waiting.Seconds);
            double fps = frames / renderSeconds;
            double needed = owner._options.MinRealTimeFactor * _inner.FramesPerSecond;
            if (frames >= 10 && fps < needed && _index < owner._chain.Count - 1)
            {
                string reason = string.Create(CultureInfo.InvariantCulture, $"{Engine} rendered the last answer at {fps:F1} frames/s, {needed:F1} are needed to keep real time");
                await SwitchAsync(reason, cancellationToken);
            }
        }

        private async Task SwitchAsync(string reason, CancellationToken cancellationToken)
        {
            for (int next = _index + 1; next < owner._chain.Count; next++)
            {
                try
                {
                    IAvatarRenderSession session = await owner._chain[next].OpenAsync(profile, cancellationToken);
                    await _inner.DisposeAsync();
                    _inner = session;
                    _index = next;
                    owner.Publish(profile, Engine, reason, null);
                    return;
                }
                catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
                {
                    reason += $"; {owner._chain[next].Name}: {ex.Message}";
                }
            }
        }

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    /// <summary>Adds up the time spent waiting for the next audio chunk.</summary>
    private sealed class WaitClock(TimeProvider time)
    {
        private long _since;

        public double Seconds { get; private set; }

        public void Pause() => _since = time.GetTimestamp();

        public void Resume() => Seconds += time.GetElapsedTime(_since).TotalSeconds;

        public async IAsyncEnumerable<AudioChunk> Wrap(IAsyncEnumerable<AudioChunk> source, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using IAsyncEnumerator<AudioChunk> e = source.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                Pause();
                bool more = await e.MoveNextAsync();
                Resume();
                if (!more) { yield break; }
                yield return e.Current;
            }
        }
    }
}
