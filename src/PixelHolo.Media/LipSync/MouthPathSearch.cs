namespace PixelHolo.Media.LipSync;

/// <summary>Costs of the search over the person's frames.</summary>
/// <param name="TopK">Candidates per output frame by closeness to the predicted mouth (plus the successors of the best
/// previous ones).</param>
/// <param name="JumpPenalty">Fixed cost of showing a frame that does not follow the previous one in the footage.</param>
/// <param name="JumpWeight">Cost per unit of visual distance between the natural successor and the frame jumped to.</param>
/// <param name="HoldCost">Cost of showing the same frame again (slowing a run down).</param>
/// <param name="SkipCost">Cost of skipping one frame (speeding a run up).</param>
internal sealed record PathCosts(int TopK = 40, float JumpPenalty = 1.5f, float JumpWeight = 1f, float HoldCost = 0.3f, float SkipCost = 0.3f);

/// <summary>Viterbi search over the person's frames (Video Rewrite / trajectory-guided selection): each output frame picks
/// a source frame close to the predicted mouth (target cost) while the natural successor of the previous pick costs nothing,
/// holding or skipping one frame costs a little, and any other jump costs a penalty plus the visual gap. Streaming with a
/// fixed lag: columns are pushed as predictions arrive, and <see cref="Commit"/> fixes the oldest undecided frame from the
/// best path so far; the trellis is then re-run from that decision so later decisions always continue from it.</summary>
internal sealed class MouthPathSearch
{
    private readonly float[][] _frames;
    private readonly bool[] _hasSuccessor;
    private readonly PathCosts _costs;
    private readonly List<Column> _columns = [];
    private int _firstColumn; // absolute index of _columns[0]
    private int _lastCommitted = -1;

    /// <param name="frames">Appearance coefficients of each source frame.</param>
    /// <param name="hasSuccessor">Whether frame i + 1 is the next frame of the same stretch of footage (false at cuts and at the
    /// end of the footage).</param>
    public MouthPathSearch(float[][] frames, bool[] hasSuccessor, PathCosts costs)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(hasSuccessor);
        if (frames.Length == 0) { throw new ArgumentException("The search needs at least one source frame.", nameof(frames)); }
        _frames = frames;
        _hasSuccessor = hasSuccessor;
        _costs = costs;
    }

    /// <summary>Output frames pushed so far.</summary>
    public int Pushed => _firstColumn + _columns.Count;

    /// <summary>Output frames decided so far.</summary>
    public int Committed => _lastCommitted + 1;

    /// <summary>Adds the next output frame's predicted coefficients.</summary>
    public void Push(ReadOnlySpan<float> target)
    {
        int[] candidates = Candidates(target);
        float[] targetCosts = new float[candidates.Length];
        for (int c = 0; c < candidates.Length; c++) { targetCosts[c] = LinearAlgebra.SquaredDistance(target, _frames[candidates[c]]); }
        var column = new Column(candidates, targetCosts);
        _columns.Add(column);
        Relax(_columns.Count - 1);
    }

    /// <summary>Decides the oldest undecided output frame from the best path through everything pushed and returns its
    /// source frame.</summary>
    public int Commit()
    {
        int absolute = _lastCommitted + 1;
        if (absolute >= Pushed) { throw new InvalidOperationException("Nothing to commit: push a prediction first."); }
        int local = absolute - _firstColumn;
        Column last = _columns[^1];
        int state = ArgMin(last.Cost);
        for (int c = _columns.Count - 1; c > local; c--) { state = _columns[c].Back[state]; }
        int chosen = _columns[local].States[state];
        // Keep only the decision; everything after it is re-run from it.
        _columns[local] = Column.Fixed(chosen);
        _columns.RemoveRange(0, local);
        _firstColumn = absolute;
        _lastCommitted = absolute;
        for (int c = 1; c < _columns.Count; c++) { Relax(c); }
        return chosen;
    }

    /// <summary>Batch decoding (tests, evaluation): the best path through all targets.</summary>
    public static int[] Decode(float[][] frames, bool[] hasSuccessor, IReadOnlyList<float[]> targets, PathCosts costs)
    {
        var search = new MouthPathSearch(frames, hasSuccessor, costs);
        foreach (float[] t in targets) { search.Push(t); }
        int[] path = new int[targets.Count];
        for (int i = 0; i < path.Length; i++) { path[i] = search.Commit(); }
        return path;
    }

    /// <summary>Cost of showing <paramref name="to"/> right after <paramref name="from"/>.</summary>
    public float Transition(int from, int to)
    {
        bool next = _hasSuccessor[from];
        if (next && to == from + 1) { return 0; }
        if (to == from) { return _costs.HoldCost; }
        if (next && to == from + 2 && _hasSuccessor[from + 1]) { return _costs.SkipCost; }
        int expected = next ? from + 1 : from;
        return _costs.JumpPenalty + (_costs.JumpWeight * LinearAlgebra.SquaredDistance(_frames[expected], _frames[to]));
    }

    private void Relax(int local)
    {
        Column column = _columns[local];
        if (local == 0)
        {
            if (!column.IsFixed) { Array.Copy(column.TargetCost, column.Cost, column.Cost.Length); }
            return;
        }
        Column previous = _columns[local - 1];
        for (int c = 0; c < column.States.Length; c++)
        {
            float best = float.PositiveInfinity;
            int from = 0;
            for (int p = 0; p < previous.States.Length; p++)
            {
                float cost = previous.Cost[p] + Transition(previous.States[p], column.States[c]);
                if (cost < best)
                {
                    best = cost;
                    from = p;
                }
            }
            column.Cost[c] = best + column.TargetCost[c];
            column.Back[c] = from;
        }
        // Keep costs bounded over long answers: only differences matter.
        float min = column.Cost.Min();
        for (int c = 0; c < column.Cost.Length; c++) { column.Cost[c] -= min; }
    }

    private int[] Candidates(ReadOnlySpan<float> target)
    {
        int k = Math.Min(_costs.TopK, _frames.Length);
        var best = new PriorityQueue<int, float>();
        for (int i = 0; i < _frames.Length; i++)
        {
            float d = LinearAlgebra.SquaredDistance(target, _frames[i]);
            if (best.Count < k) { best.Enqueue(i, -d); }
            else if (best.TryPeek(out _, out float worst) && -worst > d)
            {
                best.DequeueEnqueue(i, -d);
            }
        }
        var set = new HashSet<int>();
        while (best.Count > 0) { set.Add(best.Dequeue()); }
        if (_columns.Count > 0)
        {
            // The successors (and holds) of the best previous states, so runs can continue whatever the target says.
            Column previous = _columns[^1];
            foreach (int p in Enumerable.Range(0, previous.States.Length).OrderBy(p => previous.Cost[p]).Take(k))
            {
                int s = previous.States[p];
                set.Add(s);
                if (_hasSuccessor[s])
                {
                    set.Add(s + 1);
                    if (_hasSuccessor[s + 1]) { set.Add(s + 2); }
                }
            }
        }
        int[] result = [.. set];
        Array.Sort(result);
        return result;
    }

    private static int ArgMin(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] < values[best]) { best = i; }
        }
        return best;
    }

    private sealed class Column(int[] states, float[] targetCost, bool isFixed = false)
    {
        public int[] States { get; } = states;

        public float[] TargetCost { get; } = targetCost;

        public float[] Cost { get; } = new float[states.Length];

        public int[] Back { get; } = new int[states.Length];

        public bool IsFixed { get; } = isFixed;

        public static Column Fixed(int state) => new([state], [0], isFixed: true);
    }
}
