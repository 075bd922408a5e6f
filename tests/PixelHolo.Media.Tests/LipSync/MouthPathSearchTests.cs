using PixelHolo.Media.LipSync;

namespace PixelHolo.Media.Tests.LipSync;

public sealed class MouthPathSearchTests
{
    // Five source frames on a line (1-D coefficients 0, 1, 2, 3, 10), all consecutive.
    private static readonly float[][] Frames = [[0f], [1f], [2f], [3f], [10f]];
    private static readonly bool[] Successors = [true, true, true, true, false];

    [Fact]
    public void Decode_TargetsFollowingTheFootage_PlaysTheNaturalRun()
    {
        int[] path = MouthPathSearch.Decode(Frames, Successors, [[0f], [1f], [2f], [3f]], new PathCosts(TopK: 5));

        Assert.Equal([0, 1, 2, 3], path);
    }

    [Fact]
    public void Decode_TargetTurnsBack_HoldsRatherThanJumps()
    {
        // Targets 0, 1, 2, 3, 1.2 (all frames are candidates, so this is the exact optimum, checked by brute force over all
        // 5^5 paths): 0, 1, 2, 2, 2 costs 1.3 + 0.94 = 2.24; playing on to 3 and holding costs 3.54; a jump back costs ≥ 66.
        int[] path = MouthPathSearch.Decode(Frames, Successors, [[0f], [1f], [2f], [3f], [1.2f]], new PathCosts(TopK: 5));

        Assert.Equal([0, 1, 2, 2, 2], path);
    }

    [Fact]
    public void Decode_FarTarget_SkipsIntoTheRunInsteadOfJumping()
    {
        // Targets 0, 1, 10, 10: exact optimum (brute force) 0, 2, 4, 4 at 1.9: a skip (0.3) + target 1, a skip (0.3) onto
        // frame 4, a hold (0.3); the direct jump 1 → 4 would cost 1.5 + (2 − 10)² = 65.5.
        int[] path = MouthPathSearch.Decode(Frames, Successors, [[0f], [1f], [10f], [10f]], new PathCosts(TopK: 5));

        Assert.Equal([0, 2, 4, 4], path);
    }

    [Fact]
    public void Transition_Costs_AreFreeForSuccessorsAndChargedOtherwise()
    {
        var search = new MouthPathSearch(Frames, Successors, new PathCosts(TopK: 5, JumpPenalty: 2, JumpWeight: 1, HoldCost: 0.25f, SkipCost: 0.5f));

        Assert.Equal(0f, search.Transition(1, 2));
        Assert.Equal(0.25f, search.Transition(1, 1));
        Assert.Equal(0.5f, search.Transition(1, 3));
        Assert.Equal(2f + 100f, search.Transition(3, 0)); // penalty + (coefficient of 3's successor, 10, − 0)²
        Assert.Equal(2f + 49f, search.Transition(4, 3)); // frame 4 ends the footage: measured from itself, (10 − 3)²
    }

    [Fact]
    public void Commit_Streaming_MatchesBatchAndNeverBreaksTheDecidedPath()
    {
        float[][] targets = [[0f], [1f], [2.2f], [9f], [10f], [3f], [2f]];
        int[] batch = MouthPathSearch.Decode(Frames, Successors, targets, new PathCosts(TopK: 5));
        var search = new MouthPathSearch(Frames, Successors, new PathCosts(TopK: 5));
        var streamed = new List<int>();
        foreach (float[] t in targets)
        {
            search.Push(t);
            if (search.Pushed - search.Committed > 2) { streamed.Add(search.Commit()); }
        }
        while (search.Committed < search.Pushed) { streamed.Add(search.Commit()); }

        Assert.Equal([0, 1, 2, 4, 4, 3, 3], batch); // exact optimum (brute force over 5^7 paths), cost 53.44
        Assert.Equal(targets.Length, streamed.Count);
        Assert.Equal(batch, streamed); // two frames of lag are enough here: every decision is the global one
    }
}
