using System.Runtime.CompilerServices;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;

namespace PixelHolo.Media.LipSync;

/// <summary>The example-based lip-sync engine as a streaming renderer ("lipsync"): per audio chunk, the voice's features →
/// the predicted mouth (ridge) → a fixed-lag Viterbi search over the person's own frames → the chosen mouth blended into the
/// base sequence (talking footage while speaking, idle in pauses), the mouth fading back to the footage's own closed mouth in
/// pauses and at the end. Needs the profile's lipsync/ (built at enrollment).</summary>
internal sealed class LipSyncRenderer(IOptions<LipSyncOptions> options, IOptions<LoopRendererOptions> rendering) : IStreamingAvatarRenderer
{
    public string Name => "lipsync";

    public async Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!LipSyncModel.ExistsIn(profile.Folder))
        {
            throw new FileNotFoundException(
                $"Profile '{profile.Name}' has no lip-sync model ({LipSyncModel.FolderName}/{LipSyncModel.ModelFile}); it was enrolled without the lipsync step or its face could not be tracked. Enroll the clip again, or use loop mode (Rendering:Engine=loop).",
                Path.Combine(profile.Folder, LipSyncModel.FolderName, LipSyncModel.ModelFile));
        }
        FrameStore store = FrameStore.Open(profile.Folder, profile.Name);
        LipSyncModel model = LipSyncModel.Read(profile.Folder);
        if (model.FrameCount != store.Count)
        {
            throw new InvalidDataException($"Profile '{profile.Name}': the lip-sync model describes {model.FrameCount} frames but the frame store holds {store.Count}. Enroll the clip again.");
        }
        byte[] mouths = await File.ReadAllBytesAsync(Path.Combine(profile.Folder, LipSyncModel.FolderName, LipSyncModel.MouthsFile), cancellationToken);
        FootagePlan plan = FootagePlan.Load(profile.Folder, store.Count) with { FramesPerSecond = model.FramesPerSecond };
        return new LipSyncRenderSession(store, plan, model, mouths, options.Value, rendering.Value);
    }
}

/// <summary>One frame to compose: the base footage, the searched mouth, the run frame to blend at a jump (-1 if none) and
/// the mouth's weight.</summary>
internal readonly record struct FrameJob(TimeSpan Timestamp, PlannedFrame Base, int Mouth, int JumpFrom, float MouthWeight);

/// <summary>What was drawn for one output frame (for the evaluation).</summary>
internal readonly record struct LipSyncTraceFrame(PlannedFrame Base, int Mouth, float MouthWeight, bool Jump);

/// <summary>One stage's lip-sync state: the footage cursor between answers.</summary>
internal sealed class LipSyncRenderSession : IAvatarRenderSession
{
    private readonly FrameStore _store;
    private readonly FootagePlan _plan;
    private readonly LipSyncModel _model;
    private readonly byte[] _mouths;
    private readonly LipSyncOptions _options;
    private readonly LoopRendererOptions _rendering;
    private readonly MouthCompositor _compositor;
    private readonly PathCosts _costs;
    private const int Pipelining = 2;
    private bool _disposed;

    public LipSyncRenderSession(FrameStore store, FootagePlan plan, LipSyncModel model, byte[] mouths, LipSyncOptions options, LoopRendererOptions rendering)
    {
        _store = store;
        _plan = plan;
        _model = model;
        _mouths = mouths;
        _options = options;
        _rendering = rendering;
        _compositor = new MouthCompositor(model.Geometry);
        _costs = new PathCosts(options.TopK, options.JumpPenalty, options.JumpWeight, options.WarpCost, options.WarpCost);
    }

    public double FramesPerSecond => _plan.FramesPerSecond;

    public FootageCursor Cursor { get; } = new();

    public FootagePlan Plan => _plan;

    public LipSyncModel Model => _model;

    /// <summary>When set, every frame of the next answers is recorded here.</summary>
    public List<LipSyncTraceFrame>? Trace { get; set; }

    public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var answer = new Answer(this);
        // Planning is sequential and cheap; compositing (decode, blend, encode) runs up to two frames ahead on the thread
        // pool so both cores work. Frames still come out in order.
        var inFlight = new Queue<Task<AvatarFrame>>();
        try
        {
            await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken))
            {
                answer.Add(chunk);
                foreach (int frame in answer.Ready(final: false))
                {
                    inFlight.Enqueue(answer.Compose(answer.Plan(frame, null), cancellationToken));
                    if (inFlight.Count > Pipelining) { yield return await inFlight.Dequeue(); }
                }
            }
            answer.Complete();
            int total = answer.Total;
            foreach (int frame in answer.Ready(final: true))
            {
                inFlight.Enqueue(answer.Compose(answer.Plan(frame, total - frame), cancellationToken));
                if (inFlight.Count > Pipelining) { yield return await inFlight.Dequeue(); }
            }
            while (inFlight.Count > 0) { yield return await inFlight.Dequeue(); }
        }
        finally
        {
            // Left early or failed: let the frames in flight finish before their buffers go.
            try { await Task.WhenAll(inFlight); }
            catch (Exception)
            {
                // Frames nobody will read: their failure (or cancellation) is either the one already surfaced by the frame
                // that was awaited, or has no one to report to.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>The state of one answer.</summary>
    private sealed class Answer
    {
        private readonly LipSyncRenderSession _s;
        private readonly double _fps;
        private readonly FrameEnergyMeter _meter;
        private readonly SpeakingDetector _detector;
        private readonly BaseSequencePlanner _planner;
        private readonly SpeechFeatures _features;
        private readonly MouthPathSearch _search;
        private readonly List<float[]> _predictions = [];
        private readonly List<int> _path = [];
        private readonly int _keep;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RgbImage> _mouthCache = new();
        private int _observed;
        private int _pushed;
        private int _emitted;
        private float _mouthWeight;
        private int _previousMouth = -1;
        private bool _complete;
        private bool _spoken;

        public Answer(LipSyncRenderSession session)
        {
            _s = session;
            _fps = session._plan.FramesPerSecond;
            _meter = new FrameEnergyMeter(_fps);
            _detector = new SpeakingDetector((int)Math.Round(session._rendering.LookAhead.TotalSeconds * _fps), (int)Math.Round(session._rendering.Hangover.TotalSeconds * _fps));
            _planner = new BaseSequencePlanner(session._plan, session.Cursor, (int)Math.Round(session._rendering.CrossFade.TotalSeconds * _fps));
            _features = new SpeechFeatures(_fps, session._model.Voice, session._options.VoicePriorHops);
            _search = new MouthPathSearch(session._model.Coefficients, session._model.HasSuccessor, session._costs);
            _keep = Math.Max(_detector.LookAheadFrames, (int)Math.Round(session._rendering.CrossFade.TotalSeconds * _fps));
        }

        public int Total => _meter.FramesToCover;

        public void Add(AudioChunk chunk)
        {
            _meter.Add(chunk);
            _features.Add(chunk);
            for (; _observed < _meter.Levels.Count; _observed++) { _detector.Observe(_meter.Levels[_observed]); }
        }

        public void Complete()
        {
            _meter.Complete();
            _features.Complete();
            for (; _observed < _meter.Levels.Count; _observed++) { _detector.Observe(_meter.Levels[_observed]); }
            _complete = true;
        }

        /// <summary>Runs prediction and search as far as the audio allows and returns the frames that can be drawn now.</summary>
        public List<int> Ready(bool final)
        {
            int total = final ? Total : int.MaxValue;
            int limit = Math.Min(Math.Min(_features.AvailableFrames, total), final ? total : _meter.Levels.Count);
            VoiceStatistics voice = _features.Statistics();
            while (_predictions.Count < limit) { _predictions.Add(Predict(_predictions.Count, voice)); }
            // Smoothing looks one frame ahead.
            while (_pushed < _predictions.Count - (final ? 0 : 1))
            {
                _search.Push(Smoothed(_pushed));
                _pushed++;
            }
            while (_search.Committed < _pushed - (final ? 0 : _s._options.SearchLag)) { _path.Add(_search.Commit()); }
            var ready = new List<int>();
            while (_emitted < _path.Count && (final ? _emitted < total : _emitted + _keep < _meter.Levels.Count))
            {
                ready.Add(_emitted);
                _emitted++;
            }
            return ready;
        }

        /// <summary>The sequential part of a frame: base footage, mouth weight, search result, trace.</summary>
        public FrameJob Plan(int frame, int? framesLeft)
        {
            TimeSpan timestamp = TimeSpan.FromSeconds(frame / _fps);
            bool speaking = _detector.IsSpeaking(_meter.Levels, frame) && !(framesLeft is { } left && left <= _s._options.MouthFadeFrames);
            PlannedFrame planned = _planner.Next(speaking, framesLeft);
            float step = 1f / _s._options.MouthFadeFrames;
            // Once the voice has started, the mouth stays the searched one through pauses (where the search targets the
            // resting mouth, so it closes and moves as little as the person's own resting mouth does) and fades back to the
            // footage's own closed mouth only at the end; a reply with no voice never replaces it.
            bool ending = framesLeft is { } remaining && remaining <= _s._options.MouthFadeFrames;
            _spoken |= speaking;
            _mouthWeight = _spoken && !ending ? Math.Min(1, _mouthWeight + step) : Math.Max(0, _mouthWeight - step);
            int mouth = _path[frame];
            bool jump = _previousMouth >= 0 && !(mouth - _previousMouth is >= 0 and <= 2);
            int previous = _previousMouth;
            _previousMouth = mouth;
            _s.Trace?.Add(new LipSyncTraceFrame(planned, mouth, _mouthWeight, jump));
            return new FrameJob(timestamp, planned, mouth, jump && _s._model.HasSuccessor[previous] ? previous + 1 : -1, _mouthWeight);
        }

        /// <summary>The parallel part: a store reference, or the composed JPEG.</summary>
        public Task<AvatarFrame> Compose(FrameJob job, CancellationToken cancellationToken)
        {
            if (job.MouthWeight <= 0 && job.Base.BlendFrom is null) { return Task.FromResult(new AvatarFrame(job.Timestamp, job.Base.Shown, null)); }
            return Task.Run(async () =>
            {
                LipSyncModel m = _s._model;
                PlannedFrame planned = job.Base;
                RgbImage image = await _s._store.DecodeAsync(planned.Shown, cancellationToken);
                float bx = m.MouthX[planned.Shown];
                float by = m.MouthY[planned.Shown];
                if (planned.BlendFrom is { } from)
                {
                    RgbImage other = await _s._store.DecodeAsync(from, cancellationToken);
                    image = RgbImage.Blend(other, image, planned.Weight);
                    bx = (float)((m.MouthX[from] * (1 - planned.Weight)) + (bx * planned.Weight));
                    by = (float)((m.MouthY[from] * (1 - planned.Weight)) + (by * planned.Weight));
                }
                if (job.MouthWeight > 0)
                {
                    RgbImage crop = Mouth(job.Mouth);
                    // A jump is blended: half the frame the run would have continued with, half the new one.
                    if (job.JumpFrom >= 0) { crop = RgbImage.Blend(Mouth(job.JumpFrom), crop, 0.5); }
                    _s._compositor.Paste(image, crop, bx, by, job.MouthWeight);
                }
                return new AvatarFrame(job.Timestamp, null, image.EncodeJpeg(_s._rendering.JpegQuality));
            }, cancellationToken);
        }

        private float[] Predict(int frame, VoiceStatistics voice)
        {
            float level = frame < _meter.Levels.Count ? _meter.Levels[frame] : 0;
            bool silent = !_detector.IsVoiced(level)
                && (frame == 0 || !_detector.IsVoiced(_meter.Levels[Math.Min(frame - 1, _meter.Levels.Count - 1)]))
                && (frame + 1 >= _meter.Levels.Count || !_detector.IsVoiced(_meter.Levels[frame + 1]));
            // In silence the target is the resting mouth: closed, never chattering.
            return silent && _complete | frame + 1 < _meter.Levels.Count
                ? _s._model.RestCoefficients
                : LinearAlgebra.Apply(_s._model.Ridge, _features.FrameFeatures(frame, voice));
        }

        private float[] Smoothed(int frame)
        {
            float[] a = _predictions[Math.Max(0, frame - 1)];
            float[] b = _predictions[frame];
            float[] c = _predictions[Math.Min(_predictions.Count - 1, frame + 1)];
            float[] r = new float[b.Length];
            for (int i = 0; i < r.Length; i++) { r[i] = (0.25f * a[i]) + (0.5f * b[i]) + (0.25f * c[i]); }
            return r;
        }

        private RgbImage Mouth(int index)
        {
            if (_mouthCache.TryGetValue(index, out RgbImage? cached)) { return cached; }
            if (_mouthCache.Count > 64) { _mouthCache.Clear(); }
            LipSyncModel m = _s._model;
            RgbImage image = RgbImage.DecodeJpeg(_s._mouths.AsSpan((int)m.MouthOffsets[index], m.MouthLengths[index]), $"Mouth {index} in {LipSyncModel.MouthsFile}");
            _mouthCache.TryAdd(index, image);
            return image;
        }
    }
}
